import { describe, expect, it } from "vitest";
import { domDepthSimilarity } from "../../src/metrics/dom-depth-similarity.js";
import { page, score } from "./helpers.js";

describe("dom_depth_similarity", () => {
  it("is 1 for identical pages", async () => {
    expect(await score(domDepthSimilarity, page("<div><p>a</p></div>"), page("<div><p>a</p></div>"))).toBe(1);
  });
  it("compares the deepest elements: 3 (html > body > p) against 4", async () => {
    expect(await score(domDepthSimilarity, page("<p>hi</p>"), page("<div><p>hi</p></div>"))).toBe(0.75);
  });
});
