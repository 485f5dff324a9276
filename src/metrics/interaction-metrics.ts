import { errorMessage } from "../shared/index.js";
import type { InteractionArtifacts } from "./interaction-artifacts.js";
import { interactionImplemented } from "./interaction-implemented.js";
import type { InteractionMetric } from "./interaction-metric.js";
import { interactionPixel } from "./interaction-pixel.js";
import { interactionPosition } from "./interaction-position.js";
import { interactionRegionPixel } from "./interaction-region-pixel.js";
import { interactionRegionSsim } from "./interaction-region-ssim.js";
import { interactionSsim } from "./interaction-ssim.js";
import { interactionText } from "./interaction-text.js";

export { closeOcr } from "./interaction/ocr.js";

/** The scores of the `interaction` task, in the order records and reports list them. */
export const INTERACTION_METRICS: readonly InteractionMetric[] = Object.freeze([
  interactionImplemented,
  interactionPixel,
  interactionSsim,
  interactionRegionPixel,
  interactionRegionSsim,
  interactionPosition,
  interactionText,
]);

/** Every score of one interaction; a score that throws is null, with its error. */
export async function scoreInteraction(
  artifacts: InteractionArtifacts,
): Promise<{ values: Record<string, number | null>; errors: Record<string, string> }> {
  const values: Record<string, number | null> = {};
  const errors: Record<string, string> = {};
  for (const metric of INTERACTION_METRICS) {
    try {
      values[metric.id] = await metric.compute(artifacts);
    } catch (error) {
      values[metric.id] = null;
      errors[metric.id] = errorMessage(error);
    }
  }
  return { values, errors };
}
