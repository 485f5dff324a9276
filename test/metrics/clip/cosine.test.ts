import { describe, expect, it } from "vitest";
import { cosineSimilarity } from "../../../src/metrics/clip/cosine.js";

describe("cosineSimilarity", () => {
  it("is the dot product over the norms", () => {
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(cosineSimilarity([3, 4], [6, 8])).toBe(1);
    expect(cosineSimilarity([1, 2], [-2, 1])).toBe(0);
    expect(cosineSimilarity([1, 0], [-1, 0])).toBe(-1);
  });

  it("refuses embeddings of different lengths or with no direction", () => {
    expect(() => cosineSimilarity([1], [1, 2])).toThrow("embeddings differ in length: 1 and 2");
    expect(() => cosineSimilarity([0, 0], [1, 2])).toThrow("an embedding is all zeros");
  });
});
