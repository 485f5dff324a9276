export { runModel, type RunOptions, type RunOutcome } from "./pipeline.js";
export { checkOutputDir, RunDirError, RunDirectory } from "./run-dir.js";
export { cacheDir } from "./cache-dir.js";
export { writeFileAtomic } from "./atomic.js";
export type { SampleRecord, SampleStatus, RenderNote } from "./records.js";
export { positionInRun, selectSamples, type Selection, type Shard } from "./select.js";
