import type { Metric } from "./types.js";

/**
 * d2c_block_match = Σ_M (a_p + a_r) / (Σ_M (a_p + a_r) + Σ_unmatched a_p + Σ_unmatched a_r)
 *
 * over the matched pairs M of Design2Code's block matching (src/metrics/d2c/scores.ts), a = a block's
 * width x height as fractions of its own page's width and height. 1 when neither page has a text
 * block, 0 when one has none or nothing matches.
 *
 * Version 2: from renderer 5's captures (the whole scroll width, as Design2Code's screenshots; the
 * page settled), and reference blocks of one text matched by position (d2c/matching.ts).
 */
export const d2cBlockMatch: Metric<"d2cMatching"> = {
  id: "d2c_block_match",
  version: 2,
  description:
    "Design2Code's Block-Match: area of the matched text blocks over the area of all text blocks of both pages, each page's areas as shares of its own size.",
  higherIsBetter: true,
  artifacts: ["d2cMatching"],
  compute: ({ d2cMatching }) => d2cMatching.blockMatch,
};
