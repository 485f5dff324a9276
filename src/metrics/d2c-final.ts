import { D2C_RULES } from "./d2c/rules.js";
import type { Metric } from "./types.js";

/** Design2Code's five scores, in the order its code adds them. *
 * Version 2: made of the version-2 d2c_* scores.
 */
export const D2C_PARTS = ["d2c_block_match", "d2c_text", "d2c_position", "d2c_color", "d2c_clip"] as const;

/**
 * d2c_final = 0.2 * (d2c_block_match + d2c_text + d2c_position + d2c_color + d2c_clip)
 *
 * Design2Code's `final_score` (visual_score.py at d9e038a), the mean of its five scores, written
 * as its code computes it. Present only where all five are computed (so only with --clip-model);
 * a pair where one of them failed fails here too. Where a page has matched no block its code gives
 * 0.2 x CLIP, which this gives as long as the block scores are 0 there; where either page has no
 * text block at all its code gives 0 (CLIP included), and this does not copy that.
 */
export const d2cFinal: Metric<never> = {
  id: "d2c_final",
  version: 2,
  description: "Design2Code's overall score: the mean of d2c_block_match, d2c_text, d2c_position, d2c_color and d2c_clip.",
  higherIsBetter: true,
  artifacts: [],
  compute(_artifacts, scores) {
    let sum = 0;
    for (const id of D2C_PARTS) {
      const score = scores?.[id];
      if (score === undefined) throw new Error(`needs ${id}, which was not computed`);
      if (score === null) throw new Error(`needs ${id}, which failed`);
      sum += score;
    }
    return D2C_RULES.finalWeight * sum;
  },
};
