import type { Aggregate, SampleRecord } from "./schema.js";

export const AGGREGATION_RULE =
  "mean, median and standard error over all samples; a failed sample (status not ok) and a metric that failed count as 0";

/** A sample's value of one metric as every aggregate counts it: a failed sample or metric is 0. */
export function metricValue(record: SampleRecord, id: string): number {
  return record.status === "ok" ? (record.metrics[id] ?? 0) : 0;
}

/** Aggregates one metric over every sample, failures scoring 0 so that a failure is never hidden. */
export function aggregateMetric(records: readonly SampleRecord[], id: string): Aggregate {
  return aggregateValues(records.map((r) => metricValue(r, id)));
}

/** Mean, median and standard error of the mean of a list of numbers (all 0 for none). */
export function aggregateValues(values: readonly number[]): Aggregate {
  const n = values.length;
  if (n === 0) return { mean: 0, median: 0, stderr: 0, n: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(n / 2);
  const median = n % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  // Standard error from the sample standard deviation (n - 1); a single sample has none.
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, median, stderr: Math.sqrt(variance / n), n };
}

export function countFailures(records: readonly SampleRecord[]): Record<string, number> {
  const failures: Record<string, number> = {};
  for (const r of records) if (r.status !== "ok") failures[r.status] = (failures[r.status] ?? 0) + 1;
  return failures;
}

/** Mean over every metric of one sample: how good a sample is overall, for "worst samples" lists. */
export function sampleScore(record: SampleRecord, metricIds: readonly string[]): number {
  if (metricIds.length === 0) return 0;
  return metricIds.reduce((sum, id) => sum + metricValue(record, id), 0) / metricIds.length;
}
