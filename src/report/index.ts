export { buildResults, type ResultsInput } from "./results.js";
export { summaryMarkdown } from "./summary.js";
export { comparisonHtml, comparisonMarkdown, type ComparedRun } from "./comparison.js";
export { aggregateMetric, countFailures, AGGREGATION_RULE } from "./aggregate.js";
export { ResultsSchema, SampleRecordSchema, RESULTS_SCHEMA_VERSION, type Results, type SampleRecordData } from "./results-schema.js";
