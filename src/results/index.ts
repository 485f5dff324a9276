export * from "./schema.js";
export { AGGREGATION_RULE, aggregateMetric, aggregateValues, countFailures, metricValue, sampleScore } from "./aggregate.js";
export { buildResults, type ResultsInput } from "./build-results.js";
export { scoredViewports } from "./viewports.js";
export { RunInputError } from "./errors.js";
export { failureText, interval95, intervalText, markdownTable, meanWithCi, score } from "./format.js";
export { modelIdentity } from "./model-identity.js";
export { readRun, type LoadedRun } from "./read-run.js";
export {
  appendSampleLine,
  parseSampleLines,
  readResults,
  readRunState,
  readSampleLines,
  RUN_FILES,
  SAMPLE_FILES,
  sampleFile,
  stateFile,
  STATES_FOLDER,
  VIEWPORTS_FOLDER,
  type SampleFileKind,
  writeResults,
  writeRunState,
  writeSampleLines,
} from "./run-files.js";
export { checkScreenshotWidths, widthsText, type WidthCheck } from "./screenshot-widths.js";
export { summaryMarkdown } from "./summary.js";
