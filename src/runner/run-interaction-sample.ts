import type { Sample, SampleInteraction } from "../datasets/index.js";
import { htmlStats } from "../metrics/html-stats.js";
import { decodePng, type RasterImage } from "../shared/png.js";
import { InteractionArtifacts } from "../metrics/interaction-artifacts.js";
import { INTERACTION_METRICS, scoreInteraction } from "../metrics/interaction-metrics.js";
import type { GenerateRequest, RetryNotice } from "../model/index.js";
import type { InteractStep } from "../render/index.js";
import type { InteractionRecord, SampleRecord, SampleStatus } from "../results/index.js";
import type { InteractionView } from "../shared/interaction-prompt.js";
import type { NamedViewport } from "../shared/viewports.js";
import { EMPTY_PAGE, generateCached, renderNote, savePredictedPage, type SampleContext } from "./run-sample.js";
import { atViewport, unscoredAt, type Scores } from "./viewport-scores.js";

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

  const steps = interactionSteps(interactions);
  const renderStarted = performance.now();
  const driven = await ctx.renders!.interact({
    html: extracted.html,
    pagePath: sample.pagePath,
    steps,
  });
  ms.render = performance.now() - renderStarted;
  if (!driven.ok) return failed(driven.status, driven.error, generation, extracted.html);
  ctx.runDir.writeRender(sample.id, driven.png);

  const scoringStarted = performance.now();
  // The start capture is every interaction's "before": decoded once for the page, not once per interaction.
  const decodedOnce = new Map<Buffer, Promise<RasterImage>>();
  const decode = (png: Buffer) => decodedOnce.get(png) ?? decodedOnce.set(png, decodePng(png)).get(png)!;
  const atViewports: Scores[][] = [];
  for (const viewport of ctx.extraViewports) {
    const page = { html: extracted.html, pagePath: sample.pagePath, steps };
    // Checked before the run: every page has its reference page where a viewport after the first is scored.
    atViewports.push(await scoreAtViewport(ctx, sample.id, page, refHtml!, viewport, decode));
  }
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
    const own = await scoreInteraction(artifacts);
    const values = Object.assign(own.values, ...atViewports.map((scores) => scores[k]!.values));
    const errors = Object.assign(own.errors, ...atViewports.map((scores) => scores[k]!.errors));
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

/** What the renderer does on the page, in order. */
function interactionSteps(interactions: readonly SampleInteraction[]): InteractStep[] {
  return interactions.map(({ index, action, text: typed }) => ({ index, action, ...(typed === undefined ? {} : { text: typed }) }));
}

/**
 * Every interaction scored at a viewport of `--viewports` after the first: the generated page and the
 * reference page both driven at that size, each state after an action scored against the reference
 * page's (the element's position against the reference element's). The generated page's captures are
 * kept in that viewport's folder. Where a page cannot be driven there, or the reference's own action
 * fails, those scores are null with the reason.
 */
async function scoreAtViewport(
  ctx: SampleContext,
  sampleId: string,
  page: { html: string; pagePath: string; steps: InteractStep[] },
  refHtml: string,
  viewport: NamedViewport,
  decode: (png: Buffer) => Promise<RasterImage>,
): Promise<Scores[]> {
  const size = { width: viewport.width, height: viewport.height };
  const [pred, ref] = await Promise.all([
    ctx.renders!.interact({ ...page, viewport: size }),
    ctx.renders!.interact({ ...page, html: refHtml, viewport: size }),
  ]);
  const ids = INTERACTION_METRICS.map((metric) => metric.id);
  const failed = (reason: string) => unscoredAt(ids, viewport.name, reason);
  if (pred.ok) ctx.runDir.writeRender(sampleId, pred.png, viewport.name);
  if (ref.ok) ctx.runDir.writeReferenceRender(sampleId, ref.png, viewport.name);
  if (!pred.ok) return page.steps.map(() => failed(`${pred.status}: ${pred.error}`));
  if (!ref.ok) return page.steps.map(() => failed(`reference_render_error: reference page: ${ref.error}`));
  const scores: Scores[] = [];
  for (const [k, step] of pred.steps.entries()) {
    const refStep = ref.steps[k]!;
    if (step.png) ctx.runDir.writeState(sampleId, step.index, step.png, viewport.name);
    if (!refStep.png || !refStep.box) {
      scores.push(failed(`the reference page's #interact${step.index}: ${refStep.outcome}${refStep.error ? ` (${refStep.error})` : ""}`));
      continue;
    }
    const artifacts = new InteractionArtifacts(
      {
        outcome: step.outcome,
        ...(step.box ? { box: step.box } : {}),
        predStart: pred.png,
        ...(step.png ? { predAfter: step.png } : {}),
        refBefore: ref.png,
        refAfter: refStep.png,
        refBox: refStep.box,
      },
      decode,
    );
    scores.push(atViewport(await scoreInteraction(artifacts), viewport.name));
  }
  return scores;
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
