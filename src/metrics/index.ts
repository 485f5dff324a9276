/**
 * The metrics room's entry: ids, versions and descriptions, the metrics a run computes, `scorePair`
 * (the one entry that scores a pair; its artifacts load parse5 and sharp), and the pixel diff the report draws.
 * What the command line reads before a command runs is `registry.ts`, which loads nothing heavy.
 * Apart, imported where used: `html-stats.ts`, `dependencies.ts`, `clip/encoder.ts` (onnxruntime).
 */
export type { AnswerMetric, Document, Metric, MetricInfo, PageTree, RasterImage, ScoredPage, TreeStats } from "./types.js";
export type { ClipDevice, ClipEncoderOptions } from "./clip/encoder.js";
export { HTML_ONLY_METRIC_IDS, METRIC_IDS, METRICS, metricsMetadata, metricVersions, QA_METRICS, type MetricMetadata } from "./registry.js";
export { loadMetrics, OPTIONAL_METRICS, type MetricOptions, type MetricSet } from "./metric-set.js";
export { type MetricResults } from "./compute.js";
export { scorePair, type PairScores } from "./score-pair.js";
export { pixelDiff, PIXELMATCH_THRESHOLD, type PixelDiff } from "./pixel-diff.js";
