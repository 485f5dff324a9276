/**
 * The metrics room's light entry: ids, versions and descriptions, the metrics a run computes,
 * computing over scored pages, and the pixel diff the report draws. Parsing (parse5) and CLIP
 * (onnxruntime) live in their own modules (`scored-page.ts`, `html-stats.ts`, `dependencies.ts`,
 * `clip/encoder.ts`), imported where used; PNG decoding (sharp) is the shared room's `png.ts`.
 */
export type { AnswerMetric, Document, Metric, MetricInfo, PageTree, RasterImage, ScoredPage, TreeStats } from "./types.js";
export type { ClipDevice, ClipEncoderOptions } from "./clip/encoder.js";
export { METRIC_IDS, METRICS, metricsMetadata, metricVersions, QA_METRICS, type MetricMetadata } from "./registry.js";
export { loadMetrics, OPTIONAL_METRICS, type MetricOptions, type MetricSet } from "./metric-set.js";
export { computeMetrics, computeWith, type MetricResults } from "./compute.js";
export { pixelDiff, PIXELMATCH_THRESHOLD, type PixelDiff } from "./pixel-diff.js";
