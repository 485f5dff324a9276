import { errorMessage } from "../shared/index.js";
import { METRICS } from "./registry.js";
import type { Metric, ScoredPage } from "./types.js";

export interface MetricResults {
  /** Score per metric id; null where the metric failed. */
  values: Record<string, number | null>;
  /** Error message per failed metric id. */
  errors: Record<string, string>;
  /** Milliseconds each metric took. */
  ms: Record<string, number>;
}

/**
 * Scores a pair with the given metrics, in order. A metric that throws, or returns a
 * value outside [0, 1], scores null with its reason recorded; the others still score.
 */
export async function computeWith(metrics: readonly Metric[], pred: ScoredPage, ref: ScoredPage): Promise<MetricResults> {
  const values: Record<string, number | null> = {};
  const errors: Record<string, string> = {};
  const ms: Record<string, number> = {};
  for (const metric of metrics) {
    const started = performance.now();
    try {
      const value = await metric.compute(pred, ref, values);
      // `!(… >= 0 && … <= 1)` so that NaN fails too.
      if (!(value >= 0 && value <= 1)) throw new Error(`returned ${value}, outside [0, 1]`);
      values[metric.id] = value;
    } catch (error) {
      values[metric.id] = null;
      errors[metric.id] = errorMessage(error);
    }
    ms[metric.id] = performance.now() - started;
  }
  return { values, errors, ms };
}

export function computeMetrics(pred: ScoredPage, ref: ScoredPage): Promise<MetricResults> {
  return computeWith(METRICS, pred, ref);
}
