import { describe, expect, it } from "vitest";
import { d2cFinal } from "../../src/metrics/d2c-final.js";
import { page } from "./helpers.js";

const FOUR = { d2c_block_match: 0.9, d2c_text: 0.8, d2c_position: 0.7, d2c_color: 0.6 };

describe("d2c_final", () => {
  it("is 0.2 x the sum of the five, summed in Design2Code's order", () => {
    // Python: 0.2 * (0.9 + 0.8 + 0.7 + 0.6 + 0.5) == 0.7000000000000002 (CPython 3.11)
    expect(d2cFinal.compute(page(), page(), { ...FOUR, d2c_clip: 0.5 })).toBe(0.7000000000000002);
  });

  it("is absent when the run scores no d2c_clip, and when scored alone", () => {
    expect(d2cFinal.compute(page(), page(), FOUR)).toEqual({ absent: "d2c_clip is not scored in this run (it needs --clip-model)" });
    expect(d2cFinal.compute(page(), page())).toEqual({ absent: "d2c_clip is not scored in this run (it needs --clip-model)" });
  });

  it("fails, naming them, when parts scored nothing for the pair", () => {
    expect(() => d2cFinal.compute(page(), page(), { ...FOUR, d2c_text: null, d2c_clip: null })).toThrow(
      "needs d2c_text, d2c_clip, which scored nothing for this pair",
    );
  });
});
