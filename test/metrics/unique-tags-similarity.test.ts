import { describe, expect, it } from "vitest";
import { uniqueTagsSimilarity } from "../../src/metrics/unique-tags-similarity.js";
import { page } from "./helpers.js";

describe("unique_tags_similarity", () => {
  it("is 1 for identical pages", () => {
    expect(uniqueTagsSimilarity.compute(page("<p>a</p>"), page("<p>a</p>"))).toBe(1);
  });
  it("counts distinct tags only: 4 against 4 despite more p elements", () => {
    expect(uniqueTagsSimilarity.compute(page("<p>a</p>"), page("<p>a</p><p>b</p><p>c</p>"))).toBe(1);
  });
  it("compares distinct tag counts: 4 against 6", () => {
    expect(uniqueTagsSimilarity.compute(page("<p>a</p>"), page("<div><p>a</p><i>b</i></div>"))).toBeCloseTo(2 / 3, 12);
  });
});
