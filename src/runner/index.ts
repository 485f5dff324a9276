export { runModel, type RunOptions, type RunOutcome } from "./pipeline.js";
export { checkOutputDir, RunDirError, RunDirectory } from "./run-dir.js";
export { cacheDir } from "./cache-dir.js";
export { writeFileAtomic } from "./atomic.js";
export type { SampleRecord, SampleStatus, RenderNote } from "./records.js";
export { positionInRun, selectSamples, type Selection, type Shard } from "./select.js";
export {
  checkMergeOutput,
  MergeError,
  MODEL_FIELDS_NOT_COMPARED,
  planMerge,
  readSampleLines,
  shardSize,
  writeMergedRun,
  type MergedRun,
  type MergeRecord,
  type ShardRun,
} from "./merge.js";
export { cacheUsage, clearCache } from "./cache-admin.js";
