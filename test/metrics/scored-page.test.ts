import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { decodePng } from "../../src/metrics/decode-png.js";
import { measureHtml } from "../../src/metrics/html-stats.js";
import { scorePage } from "../../src/metrics/scored-page.js";
import { encodePng, image } from "./helpers.js";

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

describe("decodePng", () => {
  it("decodes RGBA exactly", async () => {
    const drawn = image(["#.", ".#", ".."]);
    const decoded = await decodePng(encodePng(drawn));
    expect([decoded.width, decoded.height]).toEqual([2, 3]);
    expect(Array.from(decoded.data)).toEqual(Array.from(drawn.data));
  });

  it("adds an opaque alpha channel to an RGB PNG", async () => {
    const rgb = PNG.sync.write(Object.assign(new PNG({ width: 1, height: 1 }), { data: Buffer.from([10, 20, 30, 255]) }), { colorType: 2 });
    expect(Array.from((await decodePng(rgb)).data)).toEqual([10, 20, 30, 255]);
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
