export { D2cBlockMapSchema, type D2cBlockMap } from "./d2c-block-map.js";
export { BadInputError, errorMessage, fsReason, oneLine, singleLine, type BadInputClass } from "./errors.js";
export { canonicalJson, sha256 } from "./canonical-json.js";
export { checkWritable, firstBadByte, lstatOrNull, PROBE_PREFIX, readRegularFile, statOrNull, writeFileAtomic } from "./fs.js";
export { describeIssue, parseJson, parseWith, readJsonFile } from "./json.js";
export { firstDifference, showJson, type JsonDifference } from "./json-diff.js";
export { killWhenOrphaned, type OrphanGuardOptions } from "./orphan-guard.js";
export { pinnedDependency, TOOL } from "./tool.js";
export type { TextBlock } from "./text-block.js";
export { TreeStatsSchema, type TreeStats } from "./tree-stats.js";
export { workerModule } from "./worker-module.js";
export { closestName, counted, firstNames, NAMES_LISTED } from "./words.js";
export {
  JudgeOrderSchema,
  JudgeSampleSchema,
  JudgeTallySchema,
  JudgeVerdictSchema,
  WCGB_GROUP_IDS,
  WCGB_METRIC_IDS,
  type JudgeOrder,
  type JudgeSampleResult,
  type JudgeTally,
  type JudgeVerdict,
  type WcgbGroupId,
  type WcgbMetricId,
} from "./judge-verdict.js";
