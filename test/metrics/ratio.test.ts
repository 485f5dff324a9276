import { describe, expect, it } from "vitest";
import { ratioSimilarity } from "../../src/metrics/ratio.js";

describe("ratioSimilarity", () => {
  it("is 1 for equal values, including two zeros", () => {
    expect(ratioSimilarity(7, 7)).toBe(1);
    expect(ratioSimilarity(0, 0)).toBe(1);
  });
  it("is 1 - |a - b| / max(a, b), symmetric", () => {
    expect(ratioSimilarity(3, 4)).toBe(0.75);
    expect(ratioSimilarity(4, 3)).toBe(0.75);
    expect(ratioSimilarity(2, 6)).toBeCloseTo(1 / 3, 12);
  });
  it("is 0 when exactly one is 0", () => {
    expect(ratioSimilarity(0, 5)).toBe(0);
  });
});
