import { readPngHeader, type Dataset, type Sample } from "../datasets/index.js";
import { htmlStats } from "../metrics/html-stats.js";
import {
  extractHtml,
  type Backend,
  type ExtractedHtml,
  type GenerateReply,
  type GenerateRequest,
  type ReferenceKey,
  type RetryNotice,
} from "../model/index.js";
import { WCGB_METRICS, type Judge } from "../judge/index.js";
import type { PageFacts } from "../render/index.js";
import { TASK_DESCRIPTORS } from "../shared/tasks.js";
import { splitViewportMetricId, type NamedViewport } from "../shared/viewports.js";
import type { GenerationCache } from "./generation-cache.js";
import type { CachedRender, RenderCache } from "./render-cache.js";
import type { RenderNote, SampleRecord, SampleStatus } from "../results/index.js";
import type { RunDirectory } from "./run-dir.js";
import type { RunPlan } from "./plan.js";
import type { Scorer } from "./scorer.js";
import { atViewport, unscoredAt, type Scores } from "./viewport-scores.js";

/** What one sample's run reads of the plan, and what the model's run made for it. */
export interface SampleContext extends Pick<RunPlan, "task" | "generationTimeout" | "interactionPrompt"> {
  dataset: Dataset;
  /** A model, or a baseline that reads the dataset: only a baseline is given the sample's answer key. */
  backend: Backend;
  /** Renders pages (through the render cache); none for task qa. */
  renders?: RenderCache;
  generations: GenerationCache;
  scorer: Scorer;
  /** The metrics every record holds, in order (a failed sample has each null). */
  metricIds: readonly string[];
  judge?: Judge;
  /** `--viewports` after the first: the pages are rendered and scored again at each. */
  extraViewports: readonly NamedViewport[];
  runDir: RunDirectory;
  /** Runs generation under the run's generation concurrency limit. */
  limitGeneration: <T>(work: () => Promise<T>) => Promise<T>;
  signal: AbortSignal;
  /** Told when the model's request is tried again. */
  onRetry?: (sampleId: string, notice: RetryNotice) => void;
}

/** One sample through generate, extract, render and score. Failures become the record's status. */
export async function runSample(ctx: SampleContext, sample: Sample): Promise<SampleRecord> {
  const started = performance.now();
  // The dataset serves the run's task (checked when it was loaded), so an image2html sample has a page.
  const refHtml = await sample.readHtml!();
  const pagePath = sample.pagePath;
  const refStats = () => htmlStats(refHtml);
  const ms: SampleRecord["ms"] = { generate: 0, render: 0, decode: 0, metrics: {}, total: 0 };
  const image = await sample.readImage();
  // What the model was shown, by its header (checked when the dataset was loaded): summary.md sets
  // its width against the width pages were rendered at.
  const shown = TASK_DESCRIPTORS[ctx.task].drawsFromScreenshot ? readPngHeader(image) : undefined;
  const finish = (record: Omit<SampleRecord, "id" | "ms">): SampleRecord => {
    ms.total = performance.now() - started;
    return { id: sample.id, ...record, ...(typeof shown === "object" ? { screenshot: shown } : {}), ms };
  };
  const failed = (status: SampleStatus, error: string, generation: SampleRecord["generation"], predHtml?: string) =>
    finish({
      status,
      error,
      metrics: Object.fromEntries(ctx.metricIds.map((id) => [id, null])),
      stats: { pred: predHtml === undefined ? null : htmlStats(predHtml), ref: refStats() },
      generation,
    });

  const request: GenerateRequest = {
    sampleId: sample.id,
    task: ctx.task,
    image,
    instruction: ctx.dataset.instruction,
    description: sample.description,
    viewport: ctx.dataset.viewport,
    sampling: ctx.backend.sampling ?? {},
    deadline: 0,
    ...(ctx.onRetry && { onRetry: (notice: RetryNotice) => ctx.onRetry?.(sample.id, notice) }),
  };
  const { reply, cached: cachedReply } = await generateCached(ctx, request, { referenceHtml: refHtml }, ms);
  if (!reply.ok) return failed(reply.status, reply.error, { truncated: false });

  const { extracted, generation } = savePredictedPage(ctx, sample.id, reply, cachedReply);
  if (extracted.html.trim() === "") return failed("empty_output", EMPTY_PAGE, generation, "");

  const renderStarted = performance.now();
  const [pred, ref] = await Promise.all([
    ctx.renders!.render({ html: extracted.html, pagePath }),
    ctx.renders!.render({ html: refHtml, pagePath }),
  ]);
  // The browser's own time for the prediction, without the wait for a free worker; none when cached.
  ms.render = pred.ok ? (pred.cached ? 0 : pred.facts.renderMs) : performance.now() - renderStarted;
  // Kept whatever became of the prediction: the report shows the comparison from it without a browser.
  if (ref.ok) ctx.runDir.writeReferenceRender(sample.id, ref.png);
  // A page over the renderer's size cap is not parsed for its statistics either: tens of megabytes
  // would hold the main thread for seconds, and every other sample's render waits on it.
  if (!pred.ok) return failed(pred.status, pred.error, generation, pred.status === "html_too_large" ? undefined : extracted.html);
  ctx.runDir.writeRender(sample.id, pred.png);
  if (!ref.ok) return failed("reference_render_error", `reference page: ${ref.error}`, generation, extracted.html);

  const scored = await scoreRenders(ctx.scorer, { html: extracted.html, render: pred }, { html: refHtml, render: ref });
  if (!scored.ok) return failed("scoring_error", scored.error, generation, extracted.html);
  ms.decode = scored.decodeMs;
  ms.metrics = scored.ms;
  const metrics = { ...scored.values };
  const metricErrors = { ...scored.errors };
  for (const viewport of ctx.extraViewports) {
    const atViewport = await scoreAtViewport(ctx, sample.id, { html: extracted.html, pagePath }, refHtml, viewport);
    Object.assign(metrics, atViewport.values);
    Object.assign(metricErrors, atViewport.errors);
  }
  // The judge sees what the model was shown and what its HTML rendered to; a verdict that fails leaves its metrics null.
  const judged = await ctx.judge?.judgeSample({ sampleId: sample.id, reference: request.image, prediction: pred.png }, ctx.signal);
  if (judged) {
    const { verdict } = judged;
    for (const id of WCGB_IDS) {
      metrics[id] = verdict.ok ? verdict.metrics[id] : null;
      if (!verdict.ok) metricErrors[id] = `judge_error: ${verdict.error}`;
    }
    ms.judge = verdict.ms;
  }
  return finish({
    status: "ok",
    metrics,
    ...(Object.keys(metricErrors).length ? { metricErrors } : {}),
    stats: scored.stats,
    generation,
    render: { pred: renderNote(pred), ref: renderNote(ref) },
    ...(scored.d2c ? { d2c: scored.d2c } : {}),
    ...(judged ? { judge: judged } : {}),
  });
}

const WCGB_IDS = WCGB_METRICS.map((metric) => metric.id);

/** A page as the scores read it: its HTML and its render (pixels and text blocks). */
interface RenderedSide {
  html: string;
  render: Extract<CachedRender, { ok: true }>;
}

/** Every score of the prediction against the reference, in a score worker. */
function scoreRenders(scorer: Scorer, pred: RenderedSide, ref: RenderedSide) {
  return scorer.score({
    predHtml: pred.html,
    predPng: pred.render.png,
    refHtml: ref.html,
    refPng: ref.render.png,
    predBlocks: pred.render.facts.textBlocks ?? null,
    refBlocks: ref.render.facts.textBlocks ?? null,
  });
}

/**
 * A sample's pages rendered and scored at a viewport of `--viewports` after the first, both renders
 * kept in that viewport's folder. A page that fails to render there leaves that viewport's scores
 * null with the reason; the sample's own scores stand.
 */
async function scoreAtViewport(
  ctx: SampleContext,
  sampleId: string,
  pred: { html: string; pagePath: string },
  refHtml: string,
  viewport: NamedViewport,
): Promise<Scores> {
  const size = { width: viewport.width, height: viewport.height };
  const [predRender, refRender] = await Promise.all([
    ctx.renders!.render({ ...pred, viewport: size }),
    ctx.renders!.render({ html: refHtml, pagePath: pred.pagePath, viewport: size }),
  ]);
  if (predRender.ok) ctx.runDir.writeRender(sampleId, predRender.png, viewport.name);
  if (refRender.ok) ctx.runDir.writeReferenceRender(sampleId, refRender.png, viewport.name);
  // The metrics of the HTML alone were scored once, at the run's own viewport.
  const ids = ctx.metricIds.flatMap((id) => {
    const split = splitViewportMetricId(id);
    return split.viewport === viewport.name ? [split.metric] : [];
  });
  if (!predRender.ok) return unscoredAt(ids, viewport.name, `${predRender.status}: ${predRender.error}`);
  if (!refRender.ok) return unscoredAt(ids, viewport.name, `reference_render_error: reference page: ${refRender.error}`);
  const scored = await scoreRenders(ctx.scorer, { html: pred.html, render: predRender }, { html: refHtml, render: refRender });
  if (!scored.ok) return unscoredAt(ids, viewport.name, `scoring_error: ${scored.error}`);
  return atViewport(scored, viewport.name, ids);
}

/** Why a reply without a page fails its sample (`empty_output`). */
export const EMPTY_PAGE = "the model's reply holds no HTML";

/** The page in a model's reply, saved as the sample's prediction, with what the backend measured (usage, speed, timings, the answer budget) kept as it came. */
export function savePredictedPage(
  ctx: Pick<SampleContext, "runDir">,
  sampleId: string,
  reply: Extract<GenerateReply, { ok: true }>,
  cached: boolean,
): { extracted: ExtractedHtml; generation: SampleRecord["generation"] } {
  const { ok: _ok, text, ...measured } = reply;
  const extracted = extractHtml(text, reply.finishReason);
  ctx.runDir.writePrediction(sampleId, extracted.html);
  const generation: SampleRecord["generation"] = {
    ...measured,
    truncated: extracted.truncated,
    extractedFrom: extracted.source,
    ...(cached ? { cached: true } : {}),
  };
  return { extracted, generation };
}

/**
 * The model's reply to a request: from the generation cache when it holds one, else asked under
 * the run's generation limit (timed inside it: waiting for a free slot is not generation time).
 * `key` is the sample's answer, which only a baseline that reads the dataset is given (its
 * replies are never cached); a model gets the request alone.
 */
export async function generateCached(
  ctx: SampleContext,
  request: GenerateRequest,
  key: ReferenceKey,
  ms: SampleRecord["ms"],
): Promise<{ reply: GenerateReply; cached: boolean }> {
  const cacheKey = ctx.backend.baseline ? undefined : ctx.generations.key(ctx.backend.cacheFingerprint?.(), request);
  const cached = ctx.generations.get(cacheKey);
  if (cached) return { reply: cached, cached: true };
  const reply = await ctx.limitGeneration(async () => {
    const started = performance.now();
    const answer = await ask(ctx.backend, { ...request, deadline: Date.now() + ctx.generationTimeout }, key, ctx.signal);
    ms.generate += performance.now() - started;
    return answer;
  });
  ctx.generations.put(cacheKey, reply);
  return { reply, cached: false };
}

/** One generation: a baseline that reads the dataset is handed the sample's answer key, a model never is. */
export function ask(backend: Backend, request: GenerateRequest, key: ReferenceKey, signal: AbortSignal): Promise<GenerateReply> {
  return backend.baseline ? backend.generate(request, signal, key) : backend.generate(request, signal);
}

export function renderNote(result: Extract<CachedRender, { ok: true }>): RenderNote {
  const {
    width,
    height,
    widthCapped,
    heightCapped,
    unstable,
    blockedRequests,
    refusedUrls,
    libraryRequests,
    libraryNotes,
    dialogs,
  }: PageFacts = result.facts;
  return {
    width,
    height,
    ...(widthCapped ? { widthCapped } : {}),
    heightCapped,
    ...(unstable ? { unstable } : {}),
    blockedRequests,
    ...(refusedUrls?.length ? { refusedUrls } : {}),
    ...(libraryRequests ? { libraryRequests } : {}),
    ...(libraryNotes?.length ? { libraryNotes } : {}),
    dialogs,
    ...(result.cached ? { cached: true } : {}),
  };
}
