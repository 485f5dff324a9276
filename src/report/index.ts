export { buildResults, type ResultsInput } from "./results.js";
export { summaryMarkdown } from "./summary.js";
export { comparisonHtml, comparisonMarkdown, type ComparedRun } from "./comparison.js";
export { aggregateMetric, countFailures, metricValue, sampleScore, AGGREGATION_RULE } from "./aggregate.js";
export { ci95 } from "./format.js";
export { ResultsSchema, SampleRecordSchema, RESULTS_SCHEMA_VERSION, type Results, type SampleRecordData } from "./results-schema.js";
export { readRun, RunInputError, type LoadedRun } from "./read-run.js";
