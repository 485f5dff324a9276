import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mergeBlocksByBbox, mergeTwo } from "../../../src/metrics/d2c/blocks.js";
import { differenceOfMeans } from "../../../src/metrics/d2c/matching.js";
import { d2cScores, type BlockPage } from "../../../src/metrics/d2c/scores.js";
import type { TextBlock } from "../../../src/shared/index.js";

/*
 * design2code-cases.json: 27 pairs of pages (block lists as our browser reports them: 24 drawn at
 * random with splits, merges, drops, edits, moves, recolourings, repeated texts, long texts that
 * trigger difflib's autojunk and blocks sharing a box; then an identical pair, a pair with no match and
 * a paragraph the prediction breaks into lines), with what Design2Code's own code answered for each
 * (its "source" field says how it was run). The same comparison over 39 larger pairs (up to 27 blocks
 * a page) agreed on every pair and every score to 1e-12 when this was written.
 */
interface Case {
  pred: BlockPage;
  ref: BlockPage;
  expected: [number, number, number, number];
  pairs: Array<[string, string, number]>;
}
const FIXTURE = JSON.parse(readFileSync(new URL("../../fixtures/d2c/design2code-cases.json", import.meta.url), "utf8")) as {
  cases: Case[];
};

describe("d2cScores against Design2Code's visual_eval_v3_multi", () => {
  it.each(FIXTURE.cases.map((c, k) => [k, c] as const))("case %i: the same matched pairs and scores", (_k, c) => {
    const scores = d2cScores(c.pred, c.ref);
    expect(scores.matches.map((m) => [m.pred.text, m.ref.text, m.text])).toEqual(c.pairs);
    const ours = [scores.blockMatch, scores.text, scores.position, scores.color];
    ours.forEach((value, k) => expect(value).toBeCloseTo(c.expected[k]!, 12));
  });
});

const block = (text: string, x: number, y: number, color: [number, number, number] = [0, 0, 0]): TextBlock => ({
  text,
  x,
  y,
  width: 100,
  height: 20,
  color,
});
const pageOf = (...blocks: TextBlock[]): BlockPage => ({ blocks, width: 1000, height: 1000 });

describe("d2cScores outcomes where nothing can match", () => {
  it("neither page has a block: all four 1", () => {
    expect(d2cScores(pageOf(), pageOf())).toMatchObject({ outcome: "no_blocks", blockMatch: 1, text: 1, position: 1, color: 1 });
  });

  it("one page has none: all four 0, the other page's blocks unmatched", () => {
    const some = pageOf(block("Hello", 0, 0));
    expect(d2cScores(pageOf(), some)).toMatchObject({ outcome: "no_pred_blocks", blockMatch: 0, text: 0, position: 0, color: 0 });
    expect(d2cScores(some, pageOf())).toMatchObject({ outcome: "no_ref_blocks", blockMatch: 0, text: 0, position: 0, color: 0 });
    expect(d2cScores(some, pageOf()).unmatchedPred.map((b) => b.text)).toEqual(["hello"]);
  });

  it("no pair reaches a ratio of 0.5: all four 0", () => {
    expect(d2cScores(pageOf(block("zzz qqq", 0, 0)), pageOf(block("Hello world", 0, 0)))).toMatchObject({
      outcome: "no_match",
      blockMatch: 0,
      text: 0,
      position: 0,
      color: 0,
    });
  });

  it("a pair matched: hand-checked position and block match", () => {
    // Same text, moved 100 px right on a 1000 px page: centres 0.1 apart, position 0.9; equal areas, both matched.
    const scores = d2cScores(pageOf(block("Hello", 100, 0)), pageOf(block("Hello", 0, 0)));
    expect(scores).toMatchObject({ outcome: "matched", blockMatch: 1, text: 1, color: 1 });
    expect(scores.position).toBeCloseTo(0.9, 15);
  });
});

describe("d2cScores among equal costs", () => {
  it("matches a page's repeated texts to their nearer twins, so the page scores 1 against itself", () => {
    // Texts that come back further down (a menu's links in the footer): equal texts, equal costs, and
    // the solver's first choice pairs the first "About" with the last and the "Home"s crosswise (Position 0.88).
    const page = pageOf(
      block("About", 0, 0),
      block("About", 400, 100),
      block("Home", 300, 200),
      block("Home", 0, 300),
      block("About", 100, 400),
    );
    const scores = d2cScores(page, page);
    expect([scores.blockMatch, scores.text, scores.position, scores.color]).toEqual([1, 1, 1, 1]);
    expect(scores.matches.every((m) => m.pred.bbox.join() === m.ref.bbox.join())).toBe(true);
  });
});

describe("Design2Code's helpers", () => {
  // Expected values from Design2Code's difference_of_means at d9e038a (/usr/bin/python3 3.11).
  it.each([
    [[-1.0, -0.5, -0.25], [-1.0, -0.9], 0.525],
    [[-0.5, -0.5], [-0.5, -0.8], 0.30000000000000004],
    [[-0.6, -0.7], [-0.9, -0.1], -0.1499999999999999],
    [[-0.9, -0.1], [-0.6, -0.7], 0],
    [[-0.3, -0.3, -0.2], [-0.3, -0.2], -0.3],
    [[-0.1, -0.2], [-0.3], 0.14999999999999997],
    [[-0.8], [-0.8], 0],
  ])("differenceOfMeans(%j, %j) = %d", (current, updated, expected) => {
    expect(differenceOfMeans(current, updated)).toBe(expected);
  });

  it("merges blocks with one box (merge_blocks_by_bbox) and two blocks into one (merge_blocks_wo_check) as Design2Code does", () => {
    // Python's answers: [{'text': 'a c', 'bbox': (0.1, 0.2, 0.3, 0.4), 'color': [15.0, 20.5, 35.5]}, {'text': 'b', ...}]
    // and {'text': 'a b', 'bbox': (0.1, 0.1, 0.7000000000000001, 0.5000000000000001), 'color': (5, 10, 15)}.
    const merged = mergeBlocksByBbox([
      { text: "a", bbox: [0.1, 0.2, 0.3, 0.4], color: [10, 20, 31] },
      { text: "b", bbox: [0.5, 0.2, 0.3, 0.4], color: [0, 0, 0] },
      { text: "c", bbox: [0.1, 0.2, 0.3, 0.4], color: [20, 21, 40] },
    ]);
    expect(merged).toEqual([
      { text: "a c", bbox: [0.1, 0.2, 0.3, 0.4], color: [15, 20.5, 35.5] },
      { text: "b", bbox: [0.5, 0.2, 0.3, 0.4], color: [0, 0, 0] },
    ]);
    expect(
      mergeTwo({ text: "a", bbox: [0.1, 0.2, 0.3, 0.4], color: [10, 20, 31] }, { text: "b", bbox: [0.5, 0.1, 0.3, 0.2], color: [1, 0, 0] }),
    ).toEqual({ text: "a b", bbox: [0.1, 0.1, 0.7000000000000001, 0.5000000000000001], color: [5, 10, 15] });
  });
});
