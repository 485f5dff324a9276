export { runBenchmark, RunInterrupted, type BenchmarkEvents, type BenchmarkOutcome } from "./benchmark.js";
export { runModel, type ResumePlan, type RunOptions, type RunOutcome } from "./run-model.js";
export { checkOutputDir, RETRIED_ON_RESUME, RunDirError, RunDirectory } from "./run-dir.js";
export { parsePlan, RunPlanSchema, type RunPlan, type RunPlanInput } from "./plan.js";
export { cacheDir } from "./cache-dir.js";
export { environment } from "./environment.js";
export { positionInRun, selectSamples, type Selection, type Shard } from "./select.js";
export { checkMergeOutput, MergeError, planMerge, shardSize, writeMergedRun, type MergedRun } from "./merge.js";
export { cacheUsage, clearCache } from "./cache-admin.js";
