import { d2cBlockMatch } from "./d2c-block-match.js";
import { d2cColor } from "./d2c-color.js";
import { d2cPosition } from "./d2c-position.js";
import { d2cText } from "./d2c-text.js";
import { domDepthSimilarity } from "./dom-depth-similarity.js";
import { pixelSimilarity } from "./pixel-similarity.js";
import { qaAccuracy } from "./qa-accuracy.js";
import { qaExact } from "./qa-exact.js";
import { ssim } from "./ssim.js";
import { tagCountSimilarity } from "./tag-count-similarity.js";
import { tagHistogramSimilarity } from "./tag-histogram-similarity.js";
import { textSimilarity } from "./text-similarity.js";
import { treeBleu } from "./tree-bleu.js";
import type { AnswerMetric, Metric, MetricInfo } from "./types.js";
import { uniqueTagsSimilarity } from "./unique-tags-similarity.js";

/**
 * Every metric, in the contract's order (reports and result files list them so). Metric files
 * import nothing heavy at load: parsing and decoding happen before `compute` is called.
 */
export const METRICS: readonly Metric[] = Object.freeze([
  pixelSimilarity,
  domDepthSimilarity,
  tagCountSimilarity,
  uniqueTagsSimilarity,
  tagHistogramSimilarity,
  treeBleu,
  textSimilarity,
  ssim,
  d2cBlockMatch,
  d2cText,
  d2cPosition,
  d2cColor,
]);

/** The metrics of the `qa` task: an answer scored against the gold answer as text. */
export const QA_METRICS: readonly AnswerMetric[] = Object.freeze([qaAccuracy, qaExact]);

export const METRIC_IDS: readonly string[] = Object.freeze(METRICS.map((metric) => metric.id));

/**
 * The metrics that read nothing but the page's HTML (its parsed tree): they score the same at every
 * viewport, so `--viewports` scores them once, at the run's own.
 */
export const HTML_ONLY_METRIC_IDS: ReadonlySet<string> = new Set(
  METRICS.filter((metric) => metric.artifacts.length > 0 && metric.artifacts.every((artifact) => artifact === "tree")).map(
    (metric) => metric.id,
  ),
);

export type MetricMetadata = {
  version: number;
  higherIsBetter: boolean;
  description: string;
};

/** What a results file records about each metric a run computed. */
export function metricsMetadata(metrics: readonly MetricInfo[] = METRICS): Record<string, MetricMetadata> {
  return Object.fromEntries(metrics.map(({ id, version, higherIsBetter, description }) => [id, { version, higherIsBetter, description }]));
}

/** Each metric's version: what a continued run must share with the run it continues. */
export function metricVersions(): Record<string, number> {
  return Object.fromEntries(METRICS.map((metric) => [metric.id, metric.version]));
}
