import { describe, expect, it } from "vitest";
import { measureHtml } from "../../src/metrics/html-stats.js";
import { scorePage } from "../../src/metrics/scored-page.js";
import { image } from "./helpers.js";

describe("scorePage", () => {
  it("keeps the page as it comes, reading nothing yet", () => {
    const drawn = image(["#.", ".#", ".."]);
    expect(scorePage("<p>hi</p>", drawn)).toEqual({ html: "<p>hi</p>", render: drawn, textBlocks: null });
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
