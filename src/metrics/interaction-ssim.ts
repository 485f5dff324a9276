import type { InteractionMetric } from "./interaction-metric.js";
import { ssim } from "./ssim.js";

/** ssim of the state after the action against the dataset's screenshot after it. */
export const interactionSsim: InteractionMetric = {
  id: "interaction_ssim",
  version: 1,
  description:
    "ssim of the generated page after the action (scaled to the screenshot's width, cut to its height) against the reference screenshot after it; 0 when the action could not be done.",
  higherIsBetter: true,
  compute: async (artifacts) => {
    const image = await artifacts.states();
    return image ? ssim.compute({ image }) : 0;
  },
};
