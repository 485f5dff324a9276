import { describe, expect, it } from "vitest";
import { d2cFinal } from "../../src/metrics/d2c-final.js";
import { page, score } from "./helpers.js";

const parts = { d2c_block_match: 0.9, d2c_text: 0.8, d2c_position: 0.7, d2c_color: 0.6, d2c_clip: 0.5 };

describe("d2c_final", () => {
  it("is 0.2 times the sum of Design2Code's five scores", async () => {
    expect(await score(d2cFinal, page(), page(), parts)).toBe(0.2 * (0.9 + 0.8 + 0.7 + 0.6 + 0.5));
    expect(await score(d2cFinal, page(), page(), { ...parts, pixel_similarity: 0 })).toBeCloseTo(0.7, 15);
  });

  it("gives 0.2 x CLIP for a page that matched no block (the block scores 0), as Design2Code does", async () => {
    expect(
      await score(d2cFinal, page(), page(), { d2c_block_match: 0, d2c_text: 0, d2c_position: 0, d2c_color: 0, d2c_clip: 0.85 }),
    ).toBeCloseTo(0.17, 15);
  });

  it("fails when a part failed or was not computed", async () => {
    await expect(score(d2cFinal, page(), page(), { ...parts, d2c_clip: null })).rejects.toThrow("needs d2c_clip, which failed");
    const { d2c_color: _dropped, ...fourParts } = parts;
    await expect(score(d2cFinal, page(), page(), fourParts)).rejects.toThrow("needs d2c_color, which was not computed");
    await expect(score(d2cFinal, page(), page())).rejects.toThrow("needs d2c_block_match, which was not computed");
  });
});
