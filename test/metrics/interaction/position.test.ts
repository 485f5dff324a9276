import { describe, expect, it } from "vitest";
import { positionScore } from "../../../src/metrics/interaction/position.js";

describe("positionScore", () => {
  it("is 1 where the centres sit at the same share of their pictures", () => {
    const ref = { box: { x: 10, y: 10, width: 20, height: 20 }, width: 100, height: 100 };
    const pred = { box: { x: 20, y: 20, width: 40, height: 40 }, width: 200, height: 200 };
    expect(positionScore(ref, pred)).toBe(1);
  });

  it("is 1 minus the larger of the two normalised offsets", () => {
    // Centres: (20/100, 30/200) = (0.2, 0.15) and (80/200, 10/100) = (0.4, 0.1): |Δx| 0.2, |Δy| 0.05.
    const ref = { box: { x: 10, y: 20, width: 20, height: 20 }, width: 100, height: 200 };
    const pred = { box: { x: 60, y: 0, width: 40, height: 20 }, width: 200, height: 100 };
    expect(positionScore(ref, pred)).toBeCloseTo(0.8, 12);
    expect(positionScore(pred, ref)).toBeCloseTo(0.8, 12);
  });

  it("is 0, not less, for a box past its picture's edge", () => {
    const ref = { box: { x: 0, y: 0, width: 10, height: 10 }, width: 100, height: 100 };
    const pred = { box: { x: 300, y: 0, width: 10, height: 10 }, width: 100, height: 100 };
    expect(positionScore(ref, pred)).toBe(0);
  });
});
