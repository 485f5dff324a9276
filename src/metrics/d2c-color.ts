import type { Metric } from "./types.js";

/**
 * d2c_color = mean over the matched pairs M of max(0, 1 - CIEDE2000(Lab(rgb_p), Lab(rgb_r)) / 100)
 *
 * with colormath's sRGB → CIELAB (src/metrics/d2c/ciede2000.ts) and each block's text colour as the
 * browser reports it (src/render/text-blocks.ts). 1 when neither page has a text block, 0 when one
 * has none or nothing matches.
 *
 * Version 2: from renderer 5's captures (the whole scroll width, as Design2Code's screenshots; the
 * page settled), and reference blocks of one text matched by position (d2c/matching.ts).
 */
export const d2cColor: Metric<"d2cMatching"> = {
  id: "d2c_color",
  version: 2,
  description: "Design2Code's Color: mean CIEDE2000 similarity, max(0, 1 - ΔE00 / 100), of the matched text blocks' text colours.",
  higherIsBetter: true,
  artifacts: ["d2cMatching"],
  compute: ({ d2cMatching }) => d2cMatching.color,
};
