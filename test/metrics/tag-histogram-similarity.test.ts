import { describe, expect, it } from "vitest";
import { tagHistogramSimilarity } from "../../src/metrics/tag-histogram-similarity.js";
import { page, score } from "./helpers.js";

describe("tag_histogram_similarity", () => {
  it("is 1 for identical pages", async () => {
    expect(await score(tagHistogramSimilarity, page("<p>a</p><i>b</i>"), page("<p>a</p><i>b</i>"))).toBe(1);
  });
  it("is the sum of min counts over the sum of max counts", async () => {
    // html, head, body 1 each on both sides; p 2 vs 1; div 0 vs 1.
    // min: 1 + 1 + 1 + 1 + 0 = 4; max: 1 + 1 + 1 + 2 + 1 = 6.
    expect(await score(tagHistogramSimilarity, page("<p>a</p><p>b</p>"), page("<p>a</p><div></div>"))).toBeCloseTo(2 / 3, 12);
  });
  it("is symmetric", async () => {
    const a = page("<ul><li>1</li><li>2</li><li>3</li></ul>");
    const b = page("<ol><li>1</li></ol>");
    // min: 3 (html, head, body) + 1 (li) = 4; max: 3 + 3 (li) + 1 (ul) + 1 (ol) = 8.
    expect(await score(tagHistogramSimilarity, a, b)).toBe(0.5);
    expect(await score(tagHistogramSimilarity, b, a)).toBe(0.5);
  });
});
