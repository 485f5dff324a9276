import { errorMessage } from "../shared/index.js";
import { UnreadableRender, type PairArtifacts } from "./artifacts.js";
import type { Metric } from "./types.js";

export interface MetricResults {
  /** Score per metric id; null where the metric failed. */
  values: Record<string, number | null>;
  /** Error message per failed metric id. */
  errors: Record<string, string>;
  /** Milliseconds each metric took: its own work and the pair artifacts it was first to need, not reading the pages. */
  ms: Record<string, number>;
}

/**
 * Scores a pair's artifacts with the given metrics, in order, each handed the artifacts it declares.
 * A metric that throws, returns a value outside [0, 1], or declares an artifact the pair cannot give,
 * scores null with its reason recorded; the others still score. A render that cannot be decoded
 * fails the whole pair (UnreadableRender).
 */
export async function computeOn(metrics: readonly Metric[], artifacts: PairArtifacts): Promise<MetricResults> {
  const values: Record<string, number | null> = {};
  const errors: Record<string, string> = {};
  const ms: Record<string, number> = {};
  for (const metric of metrics) {
    const started = performance.now();
    const readBefore = artifacts.readingMs;
    try {
      const value = await metric.compute(await artifacts.pick(metric.artifacts), values);
      // `!(… >= 0 && … <= 1)` so that NaN fails too.
      if (!(value >= 0 && value <= 1)) throw new Error(`returned ${value}, outside [0, 1]`);
      values[metric.id] = value;
    } catch (error) {
      if (error instanceof UnreadableRender) throw error;
      values[metric.id] = null;
      errors[metric.id] = errorMessage(error);
    }
    ms[metric.id] = performance.now() - started - (artifacts.readingMs - readBefore);
  }
  return { values, errors, ms };
}
