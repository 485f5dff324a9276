export {
  judgeAgreement,
  correlation,
  verdictAgreement,
  type Correlation,
  type JudgeAgreementReport,
  type VerdictAgreement,
} from "./agreement.js";
export { CallBudget } from "./budget.js";
export { judgeCacheKey, type JudgeCacheKeyParts } from "./cache-key.js";
export { groupScores, QUESTION_COUNT, WCGB_GROUPS, WCGB_METRICS, wcgbMetrics, type WcgbMetricId } from "./groups.js";
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
  type JudgeSampleResult,
  type JudgeUsage,
  type JudgeVerdict,
} from "./judge.js";
export { parseScores, type ParsedScores } from "./reply.js";
export { type JudgeOrder, type ReplyFormat } from "./request.js";
export { BUILTIN_RUBRIC, loadRubric, RubricError, type Rubric } from "./rubric.js";
