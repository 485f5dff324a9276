export { pairedBootstrap, BOOTSTRAP_DEFAULTS, type BootstrapOptions, type Interval } from "./bootstrap.js";
export {
  compareRuns,
  DEFAULT_ASSERTION,
  type Assertion,
  type AssertionLevel,
  type Baseline,
  type BaselineEntry,
  type Comparison,
  type CompareOptions,
  type MetricComparison,
  type SampleChange,
  type Verdict,
} from "./compare.js";
export { compareMarkdown } from "./compare-markdown.js";
export { readBaseline } from "./read-baseline.js";
export {
  buildLeaderboard,
  leaderboardAggregate,
  LEADERBOARD_SCHEMA_ID,
  LEADERBOARD_SCHEMA_PATH,
  LEADERBOARD_SCHEMA_VERSION,
  type Leaderboard,
  type LeaderboardAggregate,
  type LeaderboardEntry,
  type LeaderboardOptions,
  type LeaderboardProvenance,
} from "./leaderboard.js";
export { terminalTable } from "./terminal-table.js";
export { writeReport, type ReportOptions, type WrittenReport } from "./write-report.js";
export type { ReferenceStates } from "./html/interaction-strip.js";
