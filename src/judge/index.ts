export {
  judgeAgreement,
  correlation,
  verdictAgreement,
  type Correlation,
  type JudgeAgreementReport,
  type VerdictAgreement,
} from "./agreement.js";
export { CallBudget, type JudgeUsage } from "./budget.js";
export { judgeCacheKey, type JudgeCacheKeyParts } from "./cache-key.js";
export { groupScores, QUESTION_COUNT, WCGB_GROUPS, WCGB_METRICS, wcgbMetrics } from "./groups.js";
export {
  createJudge,
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_REASKS,
  DEFAULT_TIMEOUT_MS,
  JUDGE_SAMPLING,
  JudgeSpecError,
  type Judge,
  type JudgeCache,
  type JudgeOptions,
  type JudgePair,
} from "./judge.js";
export { parseScores, type ParsedScores } from "./reply.js";
export { type ReplyFormat } from "./request.js";
export type { JudgeOrder, JudgeSampleResult, JudgeVerdict, WcgbMetricId } from "../shared/index.js";
export { BUILTIN_RUBRIC, loadRubric, RubricError, type Rubric } from "./rubric.js";
