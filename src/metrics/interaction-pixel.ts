import type { InteractionMetric } from "./interaction-metric.js";
import { pixelSimilarity } from "./pixel-similarity.js";

/** pixel_similarity of the state after the action against the dataset's screenshot after it. */
export const interactionPixel: InteractionMetric = {
  id: "interaction_pixel",
  version: 1,
  description:
    "pixel_similarity of the generated page after the action (scaled to the screenshot's width, cut to its height) against the reference screenshot after it; 0 when the action could not be done.",
  higherIsBetter: true,
  compute: async (artifacts) => {
    const image = await artifacts.states();
    return image ? pixelSimilarity.compute({ image }) : 0;
  },
};
