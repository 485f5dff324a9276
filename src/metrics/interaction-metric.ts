import type { InteractionArtifacts } from "./interaction-artifacts.js";
import type { MetricInfo } from "./types.js";

/**
 * A score of one interaction of the `interaction` task, from what the generated page did and the
 * dataset's screenshots (interaction-artifacts.ts); a sample's value is its mean over the page's
 * interactions. Throwing scores null with the error recorded, as for a page metric.
 */
export interface InteractionMetric extends MetricInfo {
  compute(artifacts: InteractionArtifacts): number | Promise<number>;
}
