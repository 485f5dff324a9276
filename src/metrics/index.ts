import { d2cBlockMatch } from "./d2c-block-match.js";
import { d2cColor } from "./d2c-color.js";
import { d2cPosition } from "./d2c-position.js";
import { d2cText } from "./d2c-text.js";
import { domDepthSimilarity } from "./dom-depth-similarity.js";
import { pixelSimilarity } from "./pixel-similarity.js";
import { ssim } from "./ssim.js";
import { tagCountSimilarity } from "./tag-count-similarity.js";
import { tagHistogramSimilarity } from "./tag-histogram-similarity.js";
import { textSimilarity } from "./text-similarity.js";
import { treeBleu } from "./tree-bleu.js";
import { uniqueTagsSimilarity } from "./unique-tags-similarity.js";
import type { Metric, ScoredPage } from "./types.js";

export type { Absent, Document, Metric, PageTree, RasterImage, ScoredPage, TreeStats } from "./types.js";
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
  ssim,
  d2cBlockMatch,
  d2cText,
  d2cPosition,
  d2cColor,
]);

/**
 * d2c_final (0.2 x the five d2c scores) goes after d2c_clip in the list of a run that scores CLIP
 * (`--clip-model`): `[...METRICS, d2cClip, d2cFinal]`. Without d2c_clip it is absent for every pair,
 * so a run without CLIP does not list it.
 */
export { d2cFinal } from "./d2c-final.js";

export interface MetricResults {
  /** Score per metric id; null where the metric failed or is absent. */
  values: Record<string, number | null>;
  /** Error message per failed metric id. */
  errors: Record<string, string>;
  /** Reason per absent metric id (its score does not exist for this pair; not a failure, not a 0). */
  absent: Record<string, string>;
  /** Milliseconds each metric took. */
  ms: Record<string, number>;
}

/**
 * Scores a pair with the given metrics, in order. A metric that throws, or returns a
 * value outside [0, 1], scores null with its error recorded; one that answers Absent
 * scores null with its reason recorded apart; the others still score.
 */
export function computeWith(metrics: readonly Metric[], pred: ScoredPage, ref: ScoredPage): MetricResults {
  const values: Record<string, number | null> = {};
  const errors: Record<string, string> = {};
  const absent: Record<string, string> = {};
  const ms: Record<string, number> = {};
  for (const metric of metrics) {
    const started = performance.now();
    try {
      const value = metric.compute(pred, ref, values);
      if (typeof value === "object") {
        values[metric.id] = null;
        absent[metric.id] = value.absent;
      } else {
        // `!(… >= 0 && … <= 1)` so that NaN fails too.
        if (!(value >= 0 && value <= 1)) throw new Error(`returned ${value}, outside [0, 1]`);
        values[metric.id] = value;
      }
    } catch (error) {
      values[metric.id] = null;
      errors[metric.id] = error instanceof Error ? error.message : String(error);
    }
    ms[metric.id] = performance.now() - started;
  }
  return { values, errors, absent, ms };
}

export function computeMetrics(pred: ScoredPage, ref: ScoredPage): MetricResults {
  return computeWith(METRICS, pred, ref);
}

export interface MetricMetadata {
  version: number;
  higherIsBetter: boolean;
  description: string;
}

/** What a results file records about each metric. */
export function metricsMetadata(): Record<string, MetricMetadata> {
  return Object.fromEntries(METRICS.map(({ id, version, higherIsBetter, description }) => [id, { version, higherIsBetter, description }]));
}
