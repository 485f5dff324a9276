import type { InteractionMetric } from "./interaction-metric.js";
import { pixelSimilarity } from "./pixel-similarity.js";

/** pixel_similarity of what the action changed: the generated page's changed box against the reference's. */
export const interactionRegionPixel: InteractionMetric = {
  id: "interaction_region_pixel",
  version: 1,
  description:
    "pixel_similarity of the box the action changed on the generated page (after it, scaled as the state is) against the box where the reference's screenshots before and after differ; 0 when nothing changed.",
  higherIsBetter: true,
  compute: async (artifacts) => {
    const image = await artifacts.regions();
    return image ? pixelSimilarity.compute({ image }) : 0;
  },
};
