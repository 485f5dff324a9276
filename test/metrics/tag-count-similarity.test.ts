import { describe, expect, it } from "vitest";
import { tagCountSimilarity } from "../../src/metrics/tag-count-similarity.js";
import { page, score } from "./helpers.js";

describe("tag_count_similarity", () => {
  it("is 1 for identical pages", async () => {
    expect(await score(tagCountSimilarity, page("<p>a</p>"), page("<p>a</p>"))).toBe(1);
  });
  it("compares element counts with html, head and body: 4 against 5", async () => {
    expect(await score(tagCountSimilarity, page("<p>hi</p>"), page("<div><p>hi</p></div>"))).toBe(0.8);
  });
  it("counts every element, not distinct tags: 3 against 6", async () => {
    expect(await score(tagCountSimilarity, page(""), page("<p>a</p><p>b</p><p>c</p>"))).toBe(0.5);
  });
});
