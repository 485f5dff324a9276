/**
 * The metrics room's light entry: ids, versions and descriptions, computing over scored pages,
 * and the pixel diff the report draws. Parsing (parse5) and decoding (sharp) live in their own
 * modules (`scored-page.ts`, `html-stats.ts`, `decode-png.ts`, `dependencies.ts`), imported where used.
 */
export type { Document, Metric, PageTree, RasterImage, ScoredPage, TreeStats } from "./types.js";
export { METRIC_IDS, METRICS, metricsMetadata, metricVersions, type MetricMetadata } from "./registry.js";
export { computeMetrics, computeWith, type MetricResults } from "./compute.js";
export { pixelDiff, PIXELMATCH_THRESHOLD, type PixelDiff } from "./pixel-diff.js";
