import { domDepthSimilarity } from "./dom-depth-similarity.js";
import { pixelSimilarity } from "./pixel-similarity.js";
import { tagCountSimilarity } from "./tag-count-similarity.js";
import { tagHistogramSimilarity } from "./tag-histogram-similarity.js";
import { textSimilarity } from "./text-similarity.js";
import { treeBleu } from "./tree-bleu.js";
import { uniqueTagsSimilarity } from "./unique-tags-similarity.js";
import type { ClipEncoderOptions } from "./clip/encoder.js";
import { D2C_CLIP_NEEDS, d2cClip, d2cClipInfo } from "./d2c-clip.js";
import { D2C_PARTS, d2cFinal } from "./d2c-final.js";
import type { Metric, MetricInfo, ScoredPage } from "./types.js";

export type { Document, Metric, MetricInfo, PageBox, PageTree, RasterImage, ScoredPage, TextBlock, TreeStats } from "./types.js";
export type { ClipDevice, ClipEncoderOptions } from "./clip/encoder.js";
export { buildPageTree, treeStats } from "./page-tree.js";
export { decodePng, measureHtml, scorePage, type HtmlMeasures } from "./scored-page.js";
export { PIXELMATCH_VERSION, scoringDependencies, type ScoringDependencies } from "./dependencies.js";

/** Every metric, in the contract's order (reports and result files list them so). */
export const METRICS: readonly Metric[] = Object.freeze([
  pixelSimilarity,
  domDepthSimilarity,
  tagCountSimilarity,
  uniqueTagsSimilarity,
  tagHistogramSimilarity,
  treeBleu,
  textSimilarity,
]);

/** Metrics that need an option; a run without it leaves them out of its results and says why. */
export const OPTIONAL_METRICS: readonly MetricInfo[] = Object.freeze([d2cClipInfo, d2cFinal]);

export interface MetricOptions {
  /** `--clip-model`: an ONNX CLIP image encoder. Without it d2c_clip and d2c_final are absent (not 0). */
  clipModel?: string;
  clip?: ClipEncoderOptions;
}

export interface MetricSet {
  /** What to compute, in the contract's order. */
  metrics: readonly Metric[];
  /** The metrics left out, each with the reason, for results.json. */
  absent: Record<string, string>;
  /** Where the CLIP encoder ran, when there is one. */
  clip?: { model: string; provider: "cpu" | "cuda"; fallback?: string; dimensions: number };
  /** Releases what the metrics loaded (the CLIP session). */
  close(): Promise<void>;
}

/**
 * The metrics a run computes: the built-in ones, plus those whose option is given. onnxruntime is
 * imported only when `clipModel` is set; a file that is not a CLIP image encoder is a BadInputError.
 */
export async function loadMetrics(options: MetricOptions = {}): Promise<MetricSet> {
  const metrics: Metric[] = [...METRICS];
  const absent: Record<string, string> = {};
  let clip: MetricSet["clip"];
  let close = async () => {};
  if (options.clipModel === undefined) {
    absent[d2cClipInfo.id] = D2C_CLIP_NEEDS;
  } else {
    const { loadClipEncoder } = await import("./clip/encoder.js");
    const encoder = await loadClipEncoder(options.clipModel, options.clip);
    metrics.push(d2cClip(encoder));
    const { path, provider, fallback, dimensions } = encoder;
    clip = { model: path, provider, ...(fallback === undefined ? {} : { fallback }), dimensions };
    close = () => encoder.close();
  }
  const missing = D2C_PARTS.filter((id) => !metrics.some((metric) => metric.id === id));
  if (missing.length === 0) metrics.push(d2cFinal);
  else absent[d2cFinal.id] = `needs all five Design2Code scores; ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} absent`;
  return { metrics, absent, ...(clip ? { clip } : {}), close };
}

export interface MetricResults {
  /** Score per metric id; null where the metric failed. */
  values: Record<string, number | null>;
  /** Error message per failed metric id. */
  errors: Record<string, string>;
  /** Milliseconds each metric took. */
  ms: Record<string, number>;
}

/**
 * Scores a pair with the given metrics, in order. A metric that throws, or returns a
 * value outside [0, 1], scores null with its reason recorded; the others still score.
 */
export async function computeWith(metrics: readonly Metric[], pred: ScoredPage, ref: ScoredPage): Promise<MetricResults> {
  const values: Record<string, number | null> = {};
  const errors: Record<string, string> = {};
  const ms: Record<string, number> = {};
  for (const metric of metrics) {
    const started = performance.now();
    try {
      const value = await metric.compute(pred, ref, values);
      // `!(… >= 0 && … <= 1)` so that NaN fails too.
      if (!(value >= 0 && value <= 1)) throw new Error(`returned ${value}, outside [0, 1]`);
      values[metric.id] = value;
    } catch (error) {
      values[metric.id] = null;
      errors[metric.id] = error instanceof Error ? error.message : String(error);
    }
    ms[metric.id] = performance.now() - started;
  }
  return { values, errors, ms };
}

export function computeMetrics(pred: ScoredPage, ref: ScoredPage): Promise<MetricResults> {
  return computeWith(METRICS, pred, ref);
}

export interface MetricMetadata {
  version: number;
  higherIsBetter: boolean;
  description: string;
}

/** What a results file records about each metric computed. */
export function metricsMetadata(metrics: readonly MetricInfo[] = METRICS): Record<string, MetricMetadata> {
  return Object.fromEntries(metrics.map(({ id, version, higherIsBetter, description }) => [id, { version, higherIsBetter, description }]));
}
