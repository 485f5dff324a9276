import { describe, expect, it } from "vitest";
import { measureHtml, scorePage } from "../../src/metrics/scored-page.js";
import { encodePng, image } from "./helpers.js";

describe("scorePage", () => {
  it("parses the HTML and decodes the PNG to RGBA", () => {
    const drawn = image(["#.", ".#", ".."]);
    const scored = scorePage("<p>hi</p>", encodePng(drawn));
    expect(scored.html).toBe("<p>hi</p>");
    expect(scored.document.nodeName).toBe("#document");
    expect(scored.tree.depth).toBe(3);
    expect(scored.image.width).toBe(2);
    expect(scored.image.height).toBe(3);
    expect(Array.from(scored.image.data)).toEqual(Array.from(drawn.data));
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
