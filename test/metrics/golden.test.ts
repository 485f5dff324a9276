import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { groupScores, parseScores, WCGB_METRICS, wcgbMetrics, type WcgbMetricId } from "../../src/judge/index.js";
import type { ClipEncoder } from "../../src/metrics/clip/encoder.js";
import { d2cClip } from "../../src/metrics/d2c-clip.js";
import { decodePng } from "../../src/shared/png.js";
import { METRICS, OPTIONAL_METRICS, QA_METRICS, scorePair } from "../../src/metrics/index.js";
import { d2cFinal } from "../../src/metrics/d2c-final.js";
import { scorePage } from "../../src/metrics/scored-page.js";
import type { ScoredPage } from "../../src/metrics/types.js";
import type { TextBlock } from "../../src/shared/index.js";
import { TINY_FEATURES, tinyEncoderReference } from "../helpers/onnx.js";

/**
 * The golden values: every score of the registry on fixed inputs, per metric version. A change that
 * moves a score must bump that metric's version (results record it, and a resumed run refuses a
 * version it did not start with); this test fails a change that moves a score and keeps the version.
 *
 * Inputs: the pages of test/fixtures/golden/ (reference.html, close.html, far.html) and their renders
 * as a run makes them (NAME.png, NAME.blocks.json: the text blocks), committed, so that no browser
 * starts here (`npx tsx scripts/golden-renders.ts` makes them again; new renders move every value, and
 * only then are rows rewritten at the same versions, in the change that brings the new renders).
 * Pairs: `close` (close.html against reference.html) and `far` (far.html against reference.html).
 *
 * - The page scores (METRICS) are computed as the score worker computes them: decoded PNG, parsed
 *   page, text blocks, then every metric in the registry's order.
 * - d2c_clip needs CLIP's weights, which a test cannot carry: here it runs with a stand-in encoder (the
 *   tiny encoder of test/helpers/onnx.ts, in plain TypeScript: a fixed linear map of 32 x 32 cell
 *   means), which pins what the metric does around the encoder (text painted out, resized,
 *   normalised, cosine), not what real CLIP embeddings give. d2c_final is made of it and the four others.
 * - The judge's wcgb_* scores are pinned from fixed replies (ten question scores): the arithmetic
 *   from reply to score, not what a model would answer.
 * - The qa_* scores are pinned on fixed answer and gold pairs.
 *
 * A value that moves on purpose: bump the metric's version, then add a row for the new version with
 * the values the failure prints (the old row may stay, as history). Values are compared exactly.
 */

interface GoldenRow {
  id: string;
  version: number;
  values: Readonly<Record<string, number>>;
}

const GOLDEN: readonly GoldenRow[] = [
  { id: "pixel_similarity", version: 3, values: { close: 0.8386778846153846, far: 0.5062980769230769 } },
  { id: "dom_depth_similarity", version: 1, values: { close: 1, far: 1 } },
  { id: "tag_count_similarity", version: 1, values: { close: 0.9545454545454546, far: 0.8636363636363636 } },
  { id: "unique_tags_similarity", version: 1, values: { close: 1, far: 0.7058823529411764 } },
  { id: "tag_histogram_similarity", version: 1, values: { close: 0.9545454545454546, far: 0.20588235294117646 } },
  { id: "tree_bleu", version: 1, values: { close: 0.875, far: 0.25 } },
  { id: "text_similarity", version: 1, values: { close: 0.8181818181818182, far: 0.16 } },
  { id: "ssim", version: 3, values: { close: 0.603895225796061, far: 0.5050400862640805 } },
  { id: "d2c_block_match", version: 2, values: { close: 0.9574663688402727, far: 0.2141157062115651 } },
  { id: "d2c_text", version: 2, values: { close: 0.9154625516327644, far: 0.912280701754386 } },
  { id: "d2c_position", version: 2, values: { close: 0.9789984542644117, far: 0.7721821581196581 } },
  { id: "d2c_color", version: 2, values: { close: 1, far: 0.6131349968953822 } },
  { id: "d2c_clip", version: 2, values: { close: 0.9999912585225287, far: 0.9949322702988039 } },
  { id: "d2c_final", version: 2, values: { close: 0.9703837266519955, far: 0.7013291666559591 } },
  { id: "wcgb_structure", version: 2, values: { list: 0.75, json: 0.4 } },
  { id: "wcgb_color", version: 2, values: { list: 0.8, json: 0.45 } },
  { id: "wcgb_text", version: 2, values: { list: 0.9, json: 0.06666666666666667 } },
  { id: "wcgb_ui", version: 2, values: { list: 0.6, json: 0.5 } },
  { id: "wcgb_overall", version: 2, values: { list: 0.7625, json: 0.35416666666666663 } },
  { id: "qa_accuracy", version: 1, values: { yes: 1, not_sure: 1, words: 0, number: 0, unicode: 0 } },
  { id: "qa_exact", version: 1, values: { yes: 1, not_sure: 0, words: 0, number: 0, unicode: 1 } },
];

const FIXTURES = new URL("../fixtures/golden/", import.meta.url);

async function fixturePage(name: string): Promise<ScoredPage> {
  const read = (file: string) => readFileSync(new URL(file, FIXTURES));
  const blocks = JSON.parse(read(`${name}.blocks.json`).toString("utf8")) as TextBlock[];
  return scorePage(read(`${name}.html`).toString("utf8"), await decodePng(read(`${name}.png`)), blocks);
}

/** Stand-in CLIP image encoder: deterministic, no weights file, no runtime. */
function standInEncoder(): ClipEncoder {
  const dimensions = 16;
  const weights = Float32Array.from({ length: TINY_FEATURES * dimensions }, (_, i) => Math.sin(i * 0.61));
  return {
    path: "stand-in",
    provider: "cpu",
    inputName: "pixel_values",
    outputName: "image_embeds",
    dimensions,
    embed: async (pixels) => Float32Array.from(tinyEncoderReference(pixels, weights, dimensions)),
    close: async () => {},
  };
}

const PAIRS = { close: ["close", "reference"], far: ["far", "reference"] } as const;

/** Judge replies, as a judge model gives them (the JSON form and Web2Code's list form). */
const REPLIES = {
  list: "9, 8, 7, 6, 9, 7, 8, 9, 10, 6",
  json: '{"q1": 3, "q2": 5, "q3": 4, "q4": 4, "q5": 2, "q6": 7, "q7": 0, "q8": 1, "q9": 1, "q10": 5}',
};

/** Answer and gold answer pairs of the qa task. */
const ANSWERS: Record<string, [string, string]> = {
  yes: ["Yes.", "yes"],
  not_sure: ["Not sure", "No"],
  words: ["The blue button, top right", "blue button"],
  number: ["3 apples", "three apples"],
  unicode: ["Ｃａｆé au lait", "café au lait"],
};

/** Every score of the registry on the fixed inputs, by metric id, then by case. */
async function computeAll(): Promise<Record<string, Record<string, number>>> {
  const scores: Record<string, Record<string, number>> = {};
  const put = (id: string, name: string, value: number | null) => ((scores[id] ??= {})[name] = value ?? Number.NaN);
  const metrics = [...METRICS, d2cClip(standInEncoder()), d2cFinal];
  for (const [name, [pred, ref]] of Object.entries(PAIRS)) {
    const { values, errors } = await scorePair(metrics, await fixturePage(pred), await fixturePage(ref));
    expect(errors, `pair ${name}`).toEqual({});
    for (const metric of metrics) put(metric.id, name, values[metric.id] ?? null);
  }
  for (const [name, reply] of Object.entries(REPLIES)) {
    const parsed = parseScores(reply);
    if (!parsed.ok) throw new Error(`reply ${name}: ${parsed.reason}`);
    const judged = wcgbMetrics(groupScores(parsed.scores));
    for (const id of Object.keys(judged) as WcgbMetricId[]) put(id, name, judged[id]);
  }
  for (const metric of QA_METRICS)
    for (const [name, [answer, gold]] of Object.entries(ANSWERS)) put(metric.id, name, metric.score(answer, gold));
  return scores;
}

/** Every metric a results file can hold, with its current version. */
const REGISTRY = [...METRICS, ...OPTIONAL_METRICS, ...WCGB_METRICS, ...QA_METRICS].map(({ id, version }) => ({ id, version }));

describe("golden values of every metric, per version (test/fixtures/golden)", async () => {
  const computed = await computeAll();

  it("covers every metric of the registry, and nothing else", () => {
    expect(Object.keys(computed).sort()).toEqual(REGISTRY.map((m) => m.id).sort());
    const unknown = GOLDEN.filter((row) => !REGISTRY.some((m) => m.id === row.id)).map((row) => row.id);
    expect(unknown, "rows for metrics the registry does not have").toEqual([]);
  });

  it.each(REGISTRY)("$id version $version scores its golden values", ({ id, version }) => {
    const row = GOLDEN.find((entry) => entry.id === id && entry.version === version);
    const values = computed[id];
    const newRow = (v: number) => `{ id: "${id}", version: ${v}, values: ${JSON.stringify(values)} }`;
    if (!row) {
      expect.fail(
        `no golden values for ${id} version ${version}: a new version scores differently on purpose, so add its row to GOLDEN in ` +
          `test/metrics/golden.test.ts:\n  ${newRow(version)},`,
      );
    }
    expect(
      values,
      `${id} version ${version} no longer scores its golden values. A change that moves a score must bump the metric's version ` +
        `(then add a row for the new version: ${newRow(version + 1)}); a change that should not move it has a bug`,
    ).toEqual(row.values);
  });
});
