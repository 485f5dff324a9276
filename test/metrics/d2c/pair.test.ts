import { describe, expect, it } from "vitest";
import { d2cBlockMatch } from "../../../src/metrics/d2c-block-match.js";
import { d2cColor } from "../../../src/metrics/d2c-color.js";
import { d2cPosition } from "../../../src/metrics/d2c-position.js";
import { d2cText } from "../../../src/metrics/d2c-text.js";
import { d2cPairScores } from "../../../src/metrics/d2c/pair.js";
import { scorePage } from "../../../src/metrics/scored-page.js";
import type { TextBlock } from "../../../src/shared/index.js";
import { image } from "../helpers.js";

const render = { width: 1000, height: 500, data: new Uint8Array(1000 * 500 * 4) };
const block = (text: string, x: number, y: number, color: [number, number, number]): TextBlock => ({
  text,
  x,
  y,
  width: 200,
  height: 50,
  color,
});

describe("the d2c_* metrics of a pair", () => {
  const pred = scorePage("", render, [block("Welcome home", 100, 0, [255, 0, 0]), block("Unrelated words", 0, 400, [0, 0, 0])]);
  const ref = scorePage("", render, [block("Welcome home", 0, 0, [255, 0, 0])]);

  it("share one computation and read their own score from it", () => {
    const scores = d2cPairScores(pred, ref);
    expect(d2cPairScores(pred, ref)).toBe(scores);
    // Matched: 'welcome home' (ratio 1), centres 0.1 apart in x (100 px of 1000); unmatched: one block as large.
    expect(d2cBlockMatch.compute(pred, ref)).toBeCloseTo((0.02 + 0.02) / (0.02 + 0.02 + 0.02), 15);
    expect(d2cText.compute(pred, ref)).toBe(1);
    expect(d2cPosition.compute(pred, ref)).toBeCloseTo(0.9, 15);
    expect(d2cColor.compute(pred, ref)).toBe(1);
    expect(scores.matches.map((m) => [m.pred.bbox, m.ref.bbox])).toEqual([
      [
        [0.1, 0, 0.2, 0.1],
        [0, 0, 0.2, 0.1],
      ],
    ]);
  });

  it("fail, saying which side, when a render carries no text blocks", () => {
    expect(() => d2cText.compute(scorePage("", image(["."])), ref)).toThrow(/prediction's render carries no text blocks/);
    expect(() => d2cText.compute(pred, scorePage("", image(["."])))).toThrow(/reference's render carries no text blocks/);
  });
});
