import type { Sample, SampleInteraction } from "../datasets/index.js";
import { htmlStats } from "../metrics/html-stats.js";
import { decodePng, type RasterImage } from "../shared/png.js";
import { InteractionArtifacts } from "../metrics/interaction-artifacts.js";
import { scoreInteraction } from "../metrics/interaction-metrics.js";
import type { GenerateRequest, RetryNotice } from "../model/index.js";
import type { InteractionRecord, SampleRecord, SampleStatus } from "../results/index.js";
import type { InteractionView } from "../shared/interaction-prompt.js";
import { EMPTY_PAGE, generateCached, renderNote, savePredictedPage, type SampleContext } from "./run-sample.js";

/**
 * One page of the `interaction` task: the model sees the screenshots of each interaction and
 * writes one page; the renderer drives it (`#interactN`, in order, the page restored between
 * them) and each state after an action is scored against the dataset's (interaction_* scores,
 * src/metrics/interaction-metrics.ts). The sample's score of each metric is its mean over the
 * page's interactions. Failures become the record's status; an interaction the page does not
 * implement is an outcome in its record, never an error.
 */
export async function runInteractionSample(ctx: SampleContext, sample: Sample): Promise<SampleRecord> {
  const started = performance.now();
  const ms: SampleRecord["ms"] = { generate: 0, render: 0, decode: 0, metrics: {}, total: 0 };
  // The dataset serves the interaction task (checked when it was loaded): every sample has interactions.
  const interactions = sample.interactions!;
  const refHtml = sample.readHtml ? await sample.readHtml() : undefined;
  const undriven = interactions.map((interaction) => ({ ...annotation(interaction), changed: {}, metrics: nulls(ctx.metricIds) }));
  const finish = (record: Omit<SampleRecord, "id" | "ms" | "stats">, predHtml?: string): SampleRecord => {
    ms.total = performance.now() - started;
    const stats = { pred: predHtml === undefined ? null : htmlStats(predHtml), ref: refHtml === undefined ? null : htmlStats(refHtml) };
    return { id: sample.id, ...record, stats, ms };
  };
  const failed = (status: SampleStatus, error: string, generation: SampleRecord["generation"], predHtml?: string) =>
    finish({ status, error, metrics: nulls(ctx.metricIds), generation, interactions: undriven }, predHtml);

  const images = await shownImages(interactions, ctx.interactionPrompt);
  const request: GenerateRequest = {
    sampleId: sample.id,
    task: ctx.task,
    image: images[0]!,
    images,
    instruction: ctx.dataset.instruction,
    interactions: interactions.map(({ index, actionText, description }) => ({ index, actionText, description })),
    interactionView: ctx.interactionPrompt,
    viewport: ctx.dataset.viewport,
    sampling: ctx.backend.sampling ?? {},
    deadline: 0,
    ...(ctx.onRetry && { onRetry: (notice: RetryNotice) => ctx.onRetry?.(sample.id, notice) }),
  };
  // A dataset of screenshots only has no page to give the `reference` baseline: it answers with none.
  const { reply, cached } = await generateCached(ctx, request, { referenceHtml: refHtml ?? "" }, ms);
  if (!reply.ok) return failed(reply.status, reply.error, { truncated: false });
  const { extracted, generation } = savePredictedPage(ctx, sample.id, reply, cached);
  if (extracted.html.trim() === "") return failed("empty_output", EMPTY_PAGE, generation, "");

  const renderStarted = performance.now();
  const driven = await ctx.renders!.interact({
    html: extracted.html,
    pagePath: sample.pagePath,
    steps: interactions.map(({ index, action, text: typed }) => ({ index, action, ...(typed === undefined ? {} : { text: typed }) })),
  });
  ms.render = performance.now() - renderStarted;
  if (!driven.ok) return failed(driven.status, driven.error, generation, extracted.html);
  ctx.runDir.writeRender(sample.id, driven.png);

  const scoringStarted = performance.now();
  // The start capture is every interaction's "before": decoded once for the page, not once per interaction.
  const decodedOnce = new Map<Buffer, Promise<RasterImage>>();
  const decode = (png: Buffer) => decodedOnce.get(png) ?? decodedOnce.set(png, decodePng(png)).get(png)!;
  const records: InteractionRecord[] = [];
  for (const [k, interaction] of interactions.entries()) {
    const step = driven.steps[k]!;
    if (step.png) ctx.runDir.writeState(sample.id, interaction.index, step.png);
    const artifacts = new InteractionArtifacts(
      {
        outcome: step.outcome,
        ...(step.box ? { box: step.box } : {}),
        predStart: driven.png,
        ...(step.png ? { predAfter: step.png } : {}),
        refBefore: await interaction.readBefore(),
        refAfter: await interaction.readAfter(),
        ...(interaction.readMarkedBefore ? { refMarkedBefore: await interaction.readMarkedBefore() } : {}),
      },
      decode,
    );
    const { values, errors } = await scoreInteraction(artifacts);
    records.push({
      ...annotation(interaction),
      outcome: step.outcome,
      ...(step.error === undefined ? {} : { error: step.error }),
      ...(step.box ? { box: step.box } : {}),
      changed: await artifacts.changedBoxes(),
      metrics: values,
      ...(Object.keys(errors).length ? { metricErrors: errors } : {}),
    });
  }
  ms.metrics = { interactions: performance.now() - scoringStarted };
  const { metrics, metricErrors } = pageScores(ctx.metricIds, records);
  return finish(
    {
      status: "ok",
      metrics,
      ...(Object.keys(metricErrors).length ? { metricErrors } : {}),
      generation,
      render: { pred: renderNote(driven) },
      interactions: records,
    },
    extracted.html,
  );
}

/** What the model is shown of each interaction, in order: the states before and after it, marked or not (`--interaction-prompt`). */
async function shownImages(interactions: readonly SampleInteraction[], view: InteractionView): Promise<Buffer[]> {
  const pairs = await Promise.all(
    interactions.map(async (interaction) => {
      const marked = view === "mark" && interaction.readMarkedBefore && interaction.readMarkedAfter;
      return marked
        ? Promise.all([interaction.readMarkedBefore!(), interaction.readMarkedAfter!()])
        : Promise.all([interaction.readBefore(), interaction.readAfter()]);
    }),
  );
  return pairs.flat();
}

function annotation({ index, action, tagTypes, visualTypes }: SampleInteraction) {
  return { index, action, tagTypes, visualTypes };
}

function nulls(ids: readonly string[]): Record<string, null> {
  return Object.fromEntries(ids.map((id) => [id, null]));
}

/** A page's score of each metric: the mean over its interactions; null, with the first reason, where any interaction's is. */
function pageScores(ids: readonly string[], records: readonly InteractionRecord[]) {
  const metrics: Record<string, number | null> = {};
  const metricErrors: Record<string, string> = {};
  for (const id of ids) {
    const failedAt = records.find((record) => record.metrics[id] == null);
    metrics[id] = failedAt ? null : records.reduce((sum, record) => sum + record.metrics[id]!, 0) / records.length;
    const reason = failedAt?.metricErrors?.[id];
    if (reason) metricErrors[id] = `interaction ${failedAt.index}: ${reason}`;
  }
  return { metrics, metricErrors };
}
