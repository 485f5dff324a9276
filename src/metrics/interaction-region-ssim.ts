import type { InteractionMetric } from "./interaction-metric.js";
import { ssim } from "./ssim.js";

/** ssim of what the action changed: the generated page's changed box against the reference's. */
export const interactionRegionSsim: InteractionMetric = {
  id: "interaction_region_ssim",
  version: 1,
  description:
    "ssim of the box the action changed on the generated page (after it, scaled as the state is) against the box where the reference's screenshots before and after differ; 0 when nothing changed.",
  higherIsBetter: true,
  compute: async (artifacts) => {
    const image = await artifacts.regions();
    return image ? ssim.compute({ image }) : 0;
  },
};
