import { describe, expect, it } from "vitest";
import { PairArtifacts, type ArtifactName, type ArtifactValues } from "../../src/metrics/artifacts.js";
import { scorePair } from "../../src/metrics/score-pair.js";
import { d2cBlockMatch } from "../../src/metrics/d2c-block-match.js";
import { d2cColor } from "../../src/metrics/d2c-color.js";
import { d2cPosition } from "../../src/metrics/d2c-position.js";
import { d2cText } from "../../src/metrics/d2c-text.js";
import { scorePage } from "../../src/metrics/scored-page.js";
import { textSimilarity } from "../../src/metrics/text-similarity.js";
import { treeBleu } from "../../src/metrics/tree-bleu.js";
import type { Metric } from "../../src/metrics/types.js";
import type { TextBlock } from "../../src/shared/index.js";
import { image, score } from "./helpers.js";

const render = { width: 1000, height: 500, data: new Uint8Array(1000 * 500 * 4) };
const block = (text: string, x: number, y: number, color: [number, number, number]): TextBlock => ({
  text,
  x,
  y,
  width: 200,
  height: 50,
  color,
});
const pred = scorePage("<p>Welcome home</p>", render, [
  block("Welcome home", 100, 0, [255, 0, 0]),
  block("Unrelated words", 0, 400, [0, 0, 0]),
]);
const ref = scorePage("<p>Welcome home</p>", render, [block("Welcome home", 0, 0, [255, 0, 0])]);
/** Bytes a PNG decoder refuses: reading them is what a metric that needs the pixels would do. */
const NOT_A_PNG = new TextEncoder().encode("not a PNG");

/** A metric that keeps what it was handed, scoring 1. */
function recorder<Needs extends ArtifactName>(id: string, artifacts: Needs[]): Metric<Needs> & { seen: Array<Partial<ArtifactValues>> } {
  const seen: Array<Partial<ArtifactValues>> = [];
  return { id, version: 1, description: id, higherIsBetter: true, artifacts, seen, compute: (handed) => (seen.push(handed), 1) };
}

describe("the artifacts of a pair", () => {
  it("are computed once, however many metrics read them", async () => {
    const first = recorder("first", ["tree", "d2cMatching"]);
    const second = recorder("second", ["d2cMatching", "tree"]);
    const third = recorder("third", ["tree"]);
    await scorePair([first, second, third], pred, ref);
    const [a, b, c] = [first.seen[0]!, second.seen[0]!, third.seen[0]!];
    expect(b.tree).toBe(a.tree);
    expect(c.tree).toBe(a.tree);
    expect(b.d2cMatching).toBe(a.d2cMatching);
  });

  it("hand each metric what it declares and nothing else", async () => {
    const trees = recorder("trees", ["tree"]);
    const nothing = recorder("nothing", []);
    await scorePair([trees, nothing], pred, ref);
    expect(Object.keys(trees.seen[0]!)).toEqual(["tree"]);
    expect(trees.seen[0]!.tree!.pred.text).toBe("Welcome home");
    expect(nothing.seen[0]).toEqual({});
  });

  it("are computed only when a metric needs them: renders no metric reads are never decoded", async () => {
    const unreadable = scorePage("<p>a</p>", NOT_A_PNG, null);
    const { values, errors } = await scorePair([treeBleu, textSimilarity], unreadable, unreadable);
    expect(values).toEqual({ tree_bleu: 1, text_similarity: 1 });
    expect(errors).toEqual({});
    const artifacts = new PairArtifacts(unreadable, unreadable);
    await artifacts.get("tree");
    expect(await artifacts.computed("image")).toBeUndefined();
  });

  it("fail the metrics that need one the render lacks, alone, saying which side", async () => {
    const bare = scorePage("<p>Welcome home</p>", image(["."]));
    const { values, errors } = await scorePair([d2cText, textSimilarity, d2cColor], bare, ref);
    expect(values).toEqual({ d2c_text: null, text_similarity: 1, d2c_color: null });
    const reason =
      "the prediction's render carries no text blocks (renderer before version 3, or a page that broke the DOM APIs measuring them)";
    expect(errors).toEqual({ d2c_text: reason, d2c_color: reason });
    await expect(score(d2cText, pred, bare)).rejects.toThrow(/^the reference's render carries no text blocks/);
  });

  it("fail the whole pair when a render that a metric needs cannot be decoded", async () => {
    const unreadable = scorePage("", NOT_A_PNG, []);
    await expect(scorePair([treeBleu, d2cText], unreadable, ref)).rejects.toThrow(/unsupported image format/);
  });
});

describe("the d2c_* metrics of a pair", () => {
  it("read their own score from the pair's one block matching", async () => {
    // Matched: 'welcome home' (ratio 1), centres 0.1 apart in x (100 px of 1000); unmatched: one block as large.
    const { values } = await scorePair([d2cBlockMatch, d2cText, d2cPosition, d2cColor], pred, ref);
    expect(values.d2c_block_match).toBeCloseTo((0.02 + 0.02) / (0.02 + 0.02 + 0.02), 15);
    expect(values.d2c_text).toBe(1);
    expect(values.d2c_position).toBeCloseTo(0.9, 15);
    expect(values.d2c_color).toBe(1);
    const matching = await new PairArtifacts(pred, ref).get("d2cMatching");
    expect(matching.matches.map((m) => [m.pred.bbox, m.ref.bbox])).toEqual([
      [
        [0.1, 0, 0.2, 0.1],
        [0, 0, 0.2, 0.1],
      ],
    ]);
  });
});
