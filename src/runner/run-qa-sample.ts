import type { Sample } from "../datasets/index.js";
import { isYesOrNo } from "../metrics/qa-yes-no.js";
import { QA_METRICS } from "../metrics/index.js";
import {
  imageMediaType,
  QA_MAX_TOKENS,
  type GenerateReply,
  type GenerateRequest,
  type ReferenceKey,
  type RetryNotice,
  type SamplingParams,
} from "../model/index.js";
import type { SampleRecord } from "../results/index.js";
import { ask, generateCached, type SampleContext } from "./run-sample.js";

/**
 * One question of the `qa` task (Web2Code's WUB): the screenshot and the question go to the
 * model, its answer is scored as text (`qa_accuracy`, `qa_exact`); nothing is rendered. An answer
 * that is not yes or no is asked once more, as Web2Code's script does: in the same conversation
 * where the backend takes messages (the first answer, then the question again), else anew; the
 * second answer is the one scored, and both are kept.
 */
export async function runQaSample(ctx: SampleContext, sample: Sample): Promise<SampleRecord> {
  const started = performance.now();
  const ms: SampleRecord["ms"] = { generate: 0, render: 0, decode: 0, metrics: {}, total: 0 };
  // The dataset serves the qa task (checked when it was loaded): every sample has a question and its answer.
  const question = sample.question!;
  const gold = sample.answer!;
  const qa = { question, gold, ...(sample.category === undefined ? {} : { category: sample.category }) };
  const finish = (record: Omit<SampleRecord, "id" | "ms" | "stats">): SampleRecord => {
    ms.total = performance.now() - started;
    return { id: sample.id, ...record, stats: { pred: null, ref: null }, ms };
  };
  const request: GenerateRequest = {
    sampleId: sample.id,
    task: "qa",
    image: await sample.readImage(),
    instruction: ctx.dataset.instruction,
    question,
    viewport: ctx.dataset.viewport,
    sampling: ctx.backend.sampling ?? {},
    deadline: 0,
    ...(ctx.onRetry && { onRetry: (notice: RetryNotice) => ctx.onRetry?.(sample.id, notice) }),
  };
  const key = { referenceAnswer: gold };
  const { reply, cached } = await generateCached(ctx, request, key, ms);
  if (!reply.ok) {
    return finish({
      status: reply.status,
      error: reply.error,
      metrics: Object.fromEntries(ctx.metricIds.map((id) => [id, null])),
      generation: { truncated: false },
      qa: { ...qa, answers: [] },
    });
  }
  const answers = [reply.text];
  let last: GenerateReply = reply;
  if (!isYesOrNo(reply.text)) {
    const again = await askAgain(ctx, request, key, reply.text, ms);
    // A second try that fails leaves the first answer as the one scored.
    if (again.ok) {
      answers.push(again.text);
      last = again;
    }
  }
  const { ok: _ok, text, ...measured } = last;
  const metrics = Object.fromEntries(QA_METRICS.map((metric) => [metric.id, metric.score(text, gold)]));
  return finish({
    status: "ok",
    metrics,
    generation: {
      ...measured,
      truncated: last.ok && last.finishReason === "length",
      ...(cached && answers.length === 1 ? { cached: true } : {}),
    },
    qa: { ...qa, answers },
  });
}

/** The question asked a second time: after the first answer in one conversation where the backend takes messages, else anew. */
async function askAgain(
  ctx: SampleContext,
  request: GenerateRequest,
  key: ReferenceKey,
  first: string,
  ms: SampleRecord["ms"],
): Promise<GenerateReply> {
  const chat = ctx.backend.baseline ? undefined : ctx.backend.chat?.bind(ctx.backend);
  return ctx.limitGeneration(async () => {
    const started = performance.now();
    const deadline = Date.now() + ctx.generationTimeout;
    const reply = chat
      ? await chat(
          {
            messages: [
              {
                role: "user",
                content: [
                  { type: "image", data: request.image, mediaType: imageMediaType(request.image) ?? "image/png" },
                  { type: "text", text: request.question ?? "" },
                ],
              },
              { role: "assistant", content: first },
              { role: "user", content: request.question ?? "" },
            ],
            // The sampling in force for the first answer (the profile's defaults under the spec's values).
            sampling: { ...samplingInForce(ctx), max_tokens: samplingInForce(ctx).max_tokens ?? QA_MAX_TOKENS },
            deadline,
          },
          ctx.signal,
        )
      : await ask(ctx.backend, { ...request, deadline }, key, ctx.signal);
    ms.generate += performance.now() - started;
    return reply;
  });
}

function samplingInForce(ctx: SampleContext): SamplingParams {
  return (ctx.backend.describe().identity.sampling ?? {}) as SamplingParams;
}
