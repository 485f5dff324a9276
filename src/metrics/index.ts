/**
 * The metrics room's entry: ids, versions and descriptions, the metrics a run computes, computing
 * them over a pair's artifacts (which load parse5 and sharp), and the pixel diff the report draws.
 * What the command line reads before a command runs is `registry.ts`, which loads nothing heavy.
 * Apart, imported where used: `score-pair.ts` (the one entry that scores a pair for a record),
 * `html-stats.ts`, `dependencies.ts`, `clip/encoder.ts` (onnxruntime).
 */
export type { AnswerMetric, Document, Metric, MetricInfo, PageTree, RasterImage, ScoredPage, TreeStats } from "./types.js";
export type { ClipDevice, ClipEncoderOptions } from "./clip/encoder.js";
export { METRIC_IDS, METRICS, metricsMetadata, metricVersions, QA_METRICS, type MetricMetadata } from "./registry.js";
export { loadMetrics, OPTIONAL_METRICS, type MetricOptions, type MetricSet } from "./metric-set.js";
export { computeMetrics, computeWith, type MetricResults } from "./compute.js";
export { pixelDiff, PIXELMATCH_THRESHOLD, type PixelDiff } from "./pixel-diff.js";
