import { describe, expect, it } from "vitest";
import { uniqueTagsSimilarity } from "../../src/metrics/unique-tags-similarity.js";
import { page, score } from "./helpers.js";

describe("unique_tags_similarity", () => {
  it("is 1 for identical pages", async () => {
    expect(await score(uniqueTagsSimilarity, page("<p>a</p>"), page("<p>a</p>"))).toBe(1);
  });
  it("counts distinct tags only: 4 against 4 despite more p elements", async () => {
    expect(await score(uniqueTagsSimilarity, page("<p>a</p>"), page("<p>a</p><p>b</p><p>c</p>"))).toBe(1);
  });
  it("compares distinct tag counts: 4 against 6", async () => {
    expect(await score(uniqueTagsSimilarity, page("<p>a</p>"), page("<div><p>a</p><i>b</i></div>"))).toBeCloseTo(2 / 3, 12);
  });
});
