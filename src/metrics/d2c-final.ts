import { D2C_RULES } from "./d2c/rules.js";
import { absent, type Metric } from "./types.js";

/** The five parts, in Design2Code's order. */
const PARTS = ["d2c_block_match", "d2c_text", "d2c_position", "d2c_color", "d2c_clip"] as const;

/**
 * d2c_final = 0.2 x (d2c_block_match + d2c_text + d2c_position + d2c_color + d2c_clip)
 *
 * as visual_eval_v3_multi sums them (also where nothing matched: 0.2 x d2c_clip). Absent when the run
 * does not score d2c_clip (no --clip-model); an error when any part failed for this pair.
 */
export const d2cFinal: Metric = {
  id: "d2c_final",
  version: 1,
  description: "Design2Code's overall score: 0.2 x (Block-Match + Text + Position + Color + CLIP); present only when all five are.",
  higherIsBetter: true,
  compute(_pred, _ref, earlier) {
    if (!earlier || !("d2c_clip" in earlier)) return absent("d2c_clip is not scored in this run (it needs --clip-model)");
    const missing = PARTS.filter((id) => typeof earlier[id] !== "number");
    if (missing.length > 0) throw new Error(`needs ${missing.join(", ")}, which scored nothing for this pair`);
    const [block, text, position, color, clip] = PARTS.map((id) => earlier[id] as number) as [number, number, number, number, number];
    return D2C_RULES.finalWeight * (block + text + position + color + clip);
  },
};
