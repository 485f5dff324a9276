export { loadDataset, DEFAULT_INSTRUCTION } from "./load.js";
export { builtinDatasetIds, BUILTIN_DATASETS_DIR } from "./builtin.js";
export { DatasetError } from "./errors.js";
export { datasetStats, meanStd, type DatasetStats, type PageMeasure } from "./stats.js";
export { readPngHeader } from "./png-header.js";
export { listFiles } from "./fingerprint.js";
export { ManifestSchema } from "./manifest.js";
export type { Dataset, Sample, Viewport } from "./types.js";
