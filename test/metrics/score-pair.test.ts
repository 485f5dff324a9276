import { describe, expect, it } from "vitest";
import { METRICS } from "../../src/metrics/index.js";
import { scorePair } from "../../src/metrics/score-pair.js";
import { scorePage } from "../../src/metrics/scored-page.js";
import { treeBleu } from "../../src/metrics/tree-bleu.js";
import type { TextBlock } from "../../src/shared/index.js";
import { encodePng, image } from "./helpers.js";

const HTML = "<h1>Hi</h1><ul><li>one</li><li>two</li></ul>";
const BLOCKS: TextBlock[] = [{ text: "Hi", x: 0, y: 0, width: 2, height: 1, color: [0, 0, 0] }];

describe("scorePair", () => {
  it("scores PNG bytes as it scores their pixels, with the record's statistics and block map", async () => {
    const drawn = image(["#.", ".#"]);
    const fromPng = await scorePair(METRICS, scorePage(HTML, encodePng(drawn), BLOCKS), scorePage("<p>Hi</p>", encodePng(drawn), BLOCKS));
    const fromPixels = await scorePair(METRICS, scorePage(HTML, drawn, BLOCKS), scorePage("<p>Hi</p>", drawn, BLOCKS));
    expect(fromPng.values).toEqual(fromPixels.values);
    expect(fromPng.values).toMatchObject({ pixel_similarity: 1, tag_count_similarity: 4 / 7, d2c_text: 1 });
    // 7 elements against 4; ssim: 2 x 2 renders hold no 11 x 11 window.
    expect(Object.keys(fromPng.errors)).toEqual(["ssim"]);
    expect(Object.keys(fromPng.ms)).toEqual(METRICS.map((metric) => metric.id));
    expect(fromPng.stats).toEqual({
      pred: { dom_depth: 4, tag_count: 7, unique_tags: 6 },
      ref: { dom_depth: 3, tag_count: 4, unique_tags: 4 },
    });
    expect(fromPng.d2c).toEqual({
      matches: [{ pred: [0, 0, 1, 0.5], ref: [0, 0, 1, 0.5], text: 1, position: 1, color: 1 }],
      unmatchedPred: [],
      unmatchedRef: [],
    });
    expect(fromPng.decodeMs).toBeGreaterThan(0);
  });

  it("keeps no block map where no metric matched the blocks, and still gives the statistics", async () => {
    const page = scorePage(HTML, image(["."]), null);
    const scored = await scorePair([treeBleu], page, page);
    expect(scored.values).toEqual({ tree_bleu: 1 });
    expect(scored.d2c).toBeUndefined();
    expect(scored.stats.pred).toEqual({ dom_depth: 4, tag_count: 7, unique_tags: 6 });
  });

  it("rejects a pair whose render cannot be decoded, with the decoder's reason", async () => {
    const broken = scorePage(HTML, new TextEncoder().encode("these bytes are not a PNG"), BLOCKS);
    await expect(scorePair(METRICS, broken, broken)).rejects.toThrow(/unsupported image format/);
  });
});
