import { pixelDiff, PIXELMATCH_THRESHOLD } from "./pixel-diff.js";
import type { Metric } from "./types.js";

export const pixelSimilarity: Metric = {
  id: "pixel_similarity",
  version: 1,
  description: `Share of pixels that pixelmatch (threshold ${PIXELMATCH_THRESHOLD}) finds alike between the two renders, the smaller padded with white to the larger size.`,
  higherIsBetter: true,
  compute(pred, ref) {
    const { different, width, height } = pixelDiff(pred.image, ref.image);
    // Nothing to compare (both renders empty) counts as alike.
    return width * height === 0 ? 1 : 1 - different / (width * height);
  },
};
