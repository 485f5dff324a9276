import type { Metric } from "./types.js";

/**
 * d2c_position = mean over the matched pairs M of 1 - max(|cx_p - cx_r|, |cy_p - cy_r|)
 *
 * where (cx, cy) is a block's box centre as fractions of its own page's width and height. 1 when
 * neither page has a text block, 0 when one has none or nothing matches.
 *
 * Version 2: from renderer 5's captures (the whole scroll width, as Design2Code's screenshots; the
 * page settled), and reference blocks of one text matched by position (d2c/matching.ts).
 */
export const d2cPosition: Metric<"d2cMatching"> = {
  id: "d2c_position",
  version: 2,
  description:
    "Design2Code's Position: mean of 1 - max(|dx|, |dy|) of the matched text blocks' centres, each normalised by its page's size.",
  higherIsBetter: true,
  artifacts: ["d2cMatching"],
  compute: ({ d2cMatching }) => d2cMatching.position,
};
