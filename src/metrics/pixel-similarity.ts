import { pixelDiff, PIXELMATCH_THRESHOLD } from "./pixel-diff.js";
import type { Metric } from "./types.js";

/**
 * pixel_similarity = 1 - different / (W x H), W and H the larger width and height of the two renders:
 * `different` counts the pixels pixelmatch (threshold 0.1) finds different with the prediction laid on
 * the reference's canvas (padded with white where it is shorter or narrower), and every pixel outside
 * the reference's canvas. See pixelDiff.
 *
 * Version 2: area beyond the reference's page counts as different. Version 1 padded both renders
 * with white, so that the white padding under a taller prediction counted as agreement: an empty
 * page 16,000 px tall scored 0.976 on mini, above the boxes baseline. Now no empty white page scores
 * above an empty 720-px page on any sample (alike for a page no taller than the reference, less for
 * a taller one).
 *
 * Version 3: from renderer 5's captures: the whole scroll width (a page wider than the viewport
 * is compared on its whole width, as Design2Code's screenshots are taken), the page settled.
 */
export const pixelSimilarity: Metric<"image"> = {
  id: "pixel_similarity",
  version: 3,
  description: `Share of pixels that pixelmatch (threshold ${PIXELMATCH_THRESHOLD}) finds alike, the prediction laid on the reference's render (padded with white where shorter or narrower); every pixel beyond the reference's page counts as different.`,
  higherIsBetter: true,
  artifacts: ["image"],
  compute({ image }) {
    const { different, width, height } = pixelDiff(image.pred, image.ref);
    // Nothing to compare (both renders empty) counts as alike.
    return width * height === 0 ? 1 : 1 - different / (width * height);
  },
};
