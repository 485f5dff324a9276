import { describe, expect, it } from "vitest";
import { measureHtml } from "../../src/metrics/html-stats.js";
import { scorePage } from "../../src/metrics/scored-page.js";
import { image } from "./helpers.js";

describe("scorePage", () => {
  it("parses the HTML once beside its render", () => {
    const drawn = image(["#.", ".#", ".."]);
    const scored = scorePage("<p>hi</p>", drawn);
    expect(scored.html).toBe("<p>hi</p>");
    expect(scored.document.nodeName).toBe("#document");
    expect(scored.tree.depth).toBe(3);
    expect(scored.image).toBe(drawn);
  });
});

describe("measureHtml", () => {
  it("gives the tree statistics and the length", () => {
    expect(measureHtml("<p>hi</p>")).toEqual({ dom_depth: 3, tag_count: 4, unique_tags: 4, length: 9 });
  });
  it("counts code points, not UTF-16 units", () => {
    expect(measureHtml("<p>😀é</p>").length).toBe(9);
  });
});
