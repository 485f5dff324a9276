import pLimit from "p-limit";
import { z } from "zod";
import {
  createBackend,
  describedRecord,
  imageMediaType,
  type ChatMessage,
  type GenerateReply,
  type ModelBackend,
  type SamplingParams,
} from "../model/index.js";
import { BadInputError, oneLine } from "../shared/index.js";
import { CallBudget } from "./budget.js";
import { judgeCacheKey, sha256 } from "./cache-key.js";
import { groupScores, MAX_SCORE, QUESTION_COUNT, wcgbMetrics, type WcgbMetricId } from "./groups.js";
import { parseScores } from "./reply.js";
import {
  formatInstruction,
  judgeMessages,
  REASK_PREFIX,
  reaskMessages,
  responseFormat,
  type JudgeImage,
  type JudgeOrder,
  type ReplyFormat,
} from "./request.js";
import { loadRubric, type Rubric } from "./rubric.js";

/** Web2Code's judge call: at most 300 tokens. Temperature 0 (theirs was the API's default, 1) so that a verdict repeats. */
export const JUDGE_SAMPLING = { temperature: 0, max_tokens: 300 } as const;
export const DEFAULT_MAX_REASKS = 2;
export const DEFAULT_TIMEOUT_MS = 180_000;
export const DEFAULT_CONCURRENCY = 4;
/** How much of an unreadable reply a record keeps. */
const KEPT_REPLY_CHARS = 500;

/** A `--judge` spec that cannot judge. */
export class JudgeSpecError extends BadInputError {}

/** Where verdicts are kept between runs: the runner backs it with its cache store. Entries are the judge's own JSON text. */
export interface JudgeCache {
  get(key: string): string | undefined;
  put(key: string, entry: string): void;
}

export interface JudgeOptions {
  /** The judge's model spec: `openai:MODEL@URL` or `llama-server:GGUF?mmproj=PATH` (a backend with chat()). */
  spec: string;
  /** The user cache folder: built llama-server, weights' hashes. */
  cacheRoot: string;
  /** The package's own rubric when not given. */
  rubric?: Rubric;
  /** Requests the run may send (`--judge-max-calls`); unlimited when not given. */
  maxCalls?: number;
  /** Re-asks after an unreadable reply, per verdict. */
  maxReasks?: number;
  /** Per request, HTTP retries included. */
  timeoutMs?: number;
  /** Requests in flight at once (a llama-server judge also stops at its slots). */
  concurrency?: number;
  /** `auto` asks for the JSON schema and falls back to the plain list when the server refuses it. */
  output?: "auto" | ReplyFormat;
  /** Judge each pair a second time (`repeat`) and with the screenshots swapped (`swap`): each check costs another verdict. */
  checks?: { repeat?: boolean; swap?: boolean };
  cache?: JudgeCache;
}

/** One sample's two screenshots: the reference page's and the render of the model's HTML. */
export interface JudgePair {
  sampleId: string;
  reference: Buffer;
  prediction: Buffer;
}

export interface JudgeTally {
  /** Requests sent for this verdict in this run (0 when it came from the cache). */
  calls: number;
  reasks: number;
  usage: { prompt: number; completion: number };
  ms: number;
}

export type JudgeVerdict =
  | (JudgeTally & {
      ok: true;
      order: JudgeOrder;
      /** The ten answers, 0-10, in question order. */
      questions: number[];
      /** Group means and overall on Web2Code's 0-10 scale. */
      scores: Record<WcgbMetricId, number>;
      /** The same divided by 10: the run's `wcgb_*` metrics. */
      metrics: Record<WcgbMetricId, number>;
      reply: string;
      cached: boolean;
    })
  | (JudgeTally & {
      ok: false;
      order: JudgeOrder;
      status: "judge_error";
      error: string;
      /** The unreadable replies, each cut to 500 characters. */
      replies: string[];
    });

/** A sample's verdict, and the checks' verdicts when asked for. */
export interface JudgeSampleResult {
  verdict: JudgeVerdict;
  /** The same pair judged again (self-agreement). */
  repeat?: JudgeVerdict;
  /** The pair judged with the prediction's render first. */
  swapped?: JudgeVerdict;
}

export interface JudgeUsage {
  calls: number;
  verdicts: number;
  cachedVerdicts: number;
  errors: number;
  reasks: number;
  promptTokens: number;
  completionTokens: number;
}

export interface Judge {
  /** Starts the judge's backend (a llama-server judge starts its server); its log goes to `logDir`. */
  open(context: { logDir: string; signal: AbortSignal }): Promise<void>;
  /** What fixes the verdicts, for results.json: the backend, rubric source and hash, reply format, sampling, limits. */
  describe(): Record<string, unknown>;
  /** Judges one pair (and runs the checks asked for). Never throws: a failure is a `judge_error` verdict. */
  judgeSample(pair: JudgePair, signal: AbortSignal): Promise<JudgeSampleResult>;
  /** Totals so far: calls, cache hits, errors, re-asks, tokens. */
  usage(): JudgeUsage;
  close(): Promise<void>;
}

const CachedVerdict = z.object({
  questions: z.array(z.number().int().min(0).max(MAX_SCORE)).length(QUESTION_COUNT),
  reply: z.string(),
});

/** A judge over any backend that takes chat messages with images. Throws JudgeSpecError for a spec that cannot judge. */
export async function createJudge(options: JudgeOptions): Promise<Judge> {
  const created = await createBackend(options.spec, { task: "image2html", cacheRoot: options.cacheRoot });
  // A baseline that answers from the dataset (reference) is no model: it cannot judge.
  const backend: ModelBackend | undefined = created.baseline ? undefined : created;
  const chat = backend?.chat;
  if (!backend || !chat)
    throw new JudgeSpecError(
      `judge spec "${options.spec}": a judge needs a chat-completions model that takes images: openai:MODEL@URL, or llama-server:GGUF?mmproj=PATH with the server's chat template (no profile, or profile=server)`,
    );
  const rubric = options.rubric ?? loadRubric();
  const maxReasks = options.maxReasks ?? DEFAULT_MAX_REASKS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const output = options.output ?? "auto";
  const checks = { repeat: options.checks?.repeat === true, swap: options.checks?.swap === true };
  const sampling: SamplingParams & { max_tokens: number } = { ...JUDGE_SAMPLING, ...backend.sampling };
  const budget = new CallBudget(options.maxCalls);
  const totals: JudgeUsage = { calls: 0, verdicts: 0, cachedVerdicts: 0, errors: 0, reasks: 0, promptTokens: 0, completionTokens: 0 };
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const limit = pLimit(concurrency);
  let fingerprint: Record<string, unknown> | undefined;
  let format: ReplyFormat = output === "text" ? "text" : "json";
  let schemaRefused: string | undefined;

  const protocol = (used: ReplyFormat) => ({
    instruction: formatInstruction(used),
    ...responseFormat(used),
    reask: REASK_PREFIX,
    maxReasks,
  });

  function count(value: JudgeVerdict): JudgeVerdict {
    totals.verdicts++;
    totals.calls += value.calls;
    totals.reasks += value.reasks;
    totals.promptTokens += value.usage.prompt;
    totals.completionTokens += value.usage.completion;
    if (!value.ok) totals.errors++;
    else if (value.cached) totals.cachedVerdicts++;
    return value;
  }

  type Asked = { ok: true; questions: number[]; reply: string } | { ok: false; error: string; refusedSchema?: boolean };

  /** Asks until a reply reads, re-asking at most maxReasks times; counts into `tally`. */
  async function ask(
    messages: ChatMessage[],
    used: ReplyFormat,
    tally: JudgeTally,
    replies: string[],
    signal: AbortSignal,
  ): Promise<Asked> {
    let conversation = messages;
    for (let attempt = 0; ; attempt++) {
      if (!budget.take())
        return {
          ok: false,
          error: `judge call budget exhausted (${budget.limit} calls)${replies.length ? " after unreadable replies" : ""}`,
        };
      tally.calls++;
      if (attempt > 0) tally.reasks++;
      const request = conversation;
      const reply = await limit(() => send(request, used, signal));
      if (!reply.ok) {
        const refusedSchema = used === "json" && /^HTTP 400\b/.test(reply.error) && /response_format|json_schema|schema/i.test(reply.error);
        return { ok: false, error: `judge ${reply.status}: ${reply.error}`, refusedSchema };
      }
      tally.usage.prompt += reply.usage?.prompt ?? 0;
      tally.usage.completion += reply.usage?.completion ?? 0;
      const parsed = parseScores(reply.text);
      if (parsed.ok) return { ok: true, questions: parsed.scores, reply: reply.text };
      replies.push(reply.text.slice(0, KEPT_REPLY_CHARS));
      const reason = reply.finishReason === "length" ? `${parsed.reason} (cut off at ${sampling.max_tokens} tokens)` : parsed.reason;
      if (attempt >= maxReasks) return { ok: false, error: `judge reply unreadable after ${attempt + 1} tries: ${reason}` };
      conversation = reaskMessages(messages, reply.text, reason, used);
    }
  }

  async function send(messages: ChatMessage[], used: ReplyFormat, signal: AbortSignal): Promise<GenerateReply> {
    try {
      return await chat!({ messages, sampling, body: responseFormat(used), deadline: Date.now() + timeoutMs }, signal);
    } catch (error) {
      return { ok: false, status: "generation_error", error: oneLine(error) };
    }
  }

  async function verdict(
    images: { reference: JudgeImage; prediction: JudgeImage; hashes: [string, string] },
    order: JudgeOrder,
    replica: number,
    signal: AbortSignal,
  ): Promise<JudgeVerdict> {
    const started = performance.now();
    const tally = emptyTally();
    const replies: string[] = [];
    const [first, second] = order === "reference-first" ? [images.reference, images.prediction] : [images.prediction, images.reference];
    const finish = (value: JudgeVerdict): JudgeVerdict => count({ ...value, ms: Math.round(performance.now() - started) });
    const success = (questions: number[], reply: string, cached: boolean) => {
      const scores = groupScores(questions);
      return finish({ ok: true, order, questions, scores, metrics: wcgbMetrics(scores), reply, cached, ...tally });
    };
    for (;;) {
      const used = format;
      const key =
        options.cache && fingerprint
          ? judgeCacheKey({
              fingerprint,
              rubricSha256: rubric.sha256,
              protocol: protocol(used),
              format: used,
              sampling,
              referenceSha256: images.hashes[0],
              predictionSha256: images.hashes[1],
              order,
              replica,
            })
          : undefined;
      const hit = key === undefined ? undefined : readCached(options.cache!, key);
      if (hit) return success(hit.questions, hit.reply, true);
      const asked = await ask(judgeMessages(rubric, used, first, second), used, tally, replies, signal);
      if (asked.ok) {
        if (key !== undefined) options.cache!.put(key, JSON.stringify({ questions: asked.questions, reply: asked.reply }));
        return success(asked.questions, asked.reply, false);
      }
      // A server that refuses the JSON schema (an older model or server) is asked for the plain list from then on.
      if (asked.refusedSchema && output === "auto") {
        schemaRefused ??= asked.error;
        format = "text";
        continue;
      }
      return finish({ ok: false, order, status: "judge_error", error: asked.error, replies, ...tally });
    }
  }

  return {
    async open(context) {
      const opened = await backend.open?.({ concurrency, logDir: context.logDir, signal: context.signal });
      // A llama-server judge serves no more requests at once than it has slots.
      limit.concurrency = Math.min(concurrency, opened?.maxConcurrency ?? concurrency);
      fingerprint = backend.cacheFingerprint?.();
    },
    describe: () => ({
      spec: options.spec,
      backend: describedRecord(backend.describe()),
      rubric: { source: rubric.source, sha256: rubric.sha256 },
      replyFormat: format,
      ...(schemaRefused === undefined ? {} : { schemaRefused }),
      sampling,
      maxReasks,
      maxCalls: Number.isFinite(budget.limit) ? budget.limit : null,
      timeoutMs,
      concurrency: limit.concurrency,
      checks,
      cached: Boolean(options.cache && fingerprint),
    }),
    async judgeSample(pair, signal) {
      const reference = judgeImage(pair.reference);
      const prediction = judgeImage(pair.prediction);
      if (!reference || !prediction) {
        const which = reference ? "prediction's render" : "reference screenshot";
        const error = `the ${which} is not a PNG, JPEG, GIF or WebP image`;
        return { verdict: count({ ok: false, order: "reference-first", status: "judge_error", error, replies: [], ...emptyTally() }) };
      }
      const images = { reference, prediction, hashes: [sha256(pair.reference), sha256(pair.prediction)] as [string, string] };
      const [main, repeat, swapped] = await Promise.all([
        verdict(images, "reference-first", 0, signal),
        checks.repeat ? verdict(images, "reference-first", 1, signal) : undefined,
        checks.swap ? verdict(images, "prediction-first", 0, signal) : undefined,
      ]);
      return { verdict: main, ...(repeat && { repeat }), ...(swapped && { swapped }) };
    },
    usage: () => ({ ...totals }),
    close: async () => backend.close?.(),
  };
}

function emptyTally(): JudgeTally {
  return { calls: 0, reasks: 0, usage: { prompt: 0, completion: 0 }, ms: 0 };
}

function judgeImage(data: Buffer): JudgeImage | undefined {
  const mediaType = imageMediaType(data);
  return mediaType && { data, mediaType };
}

/** A cache entry that cannot be read is a miss. */
function readCached(cache: JudgeCache, key: string): z.infer<typeof CachedVerdict> | undefined {
  const entry = cache.get(key);
  if (entry === undefined) return undefined;
  try {
    const parsed = CachedVerdict.safeParse(JSON.parse(entry));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
