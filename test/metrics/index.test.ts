import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { d2cFinal } from "../../src/metrics/d2c-final.js";
import { PIXELMATCH_VERSION, scoringDependencies } from "../../src/metrics/dependencies.js";
import { loadMetrics, METRICS, metricsMetadata, OPTIONAL_METRICS, scorePair } from "../../src/metrics/index.js";
import { scorePage } from "../../src/metrics/scored-page.js";
import type { Metric, RasterImage } from "../../src/metrics/types.js";
import { CONTRACT_METRIC_IDS as CONTRACT_ORDER } from "../helpers/contract.js";
import { image, page } from "./helpers.js";

const fixed = (id: string, value: number): Metric => ({
  id,
  version: 1,
  description: id,
  higherIsBetter: true,
  artifacts: [],
  compute: () => value,
});

describe("METRICS", () => {
  it("lists the contract's metrics in its order", () => {
    expect(METRICS.map((m) => m.id)).toEqual(CONTRACT_ORDER);
  });

  it("keeps each metric in a file named by its id", async () => {
    for (const metric of METRICS) {
      const module = (await import(`../../src/metrics/${metric.id.replaceAll("_", "-")}.ts`)) as Record<string, unknown>;
      expect(Object.values(module)).toContain(metric);
    }
  });

  // Each metric's version is pinned with its values on fixed pages by golden.test.ts.
  it("gives every metric a version, higher is better, and a sentence", () => {
    for (const metric of METRICS) {
      expect(Number.isInteger(metric.version) && metric.version >= 1).toBe(true);
      expect(metric.higherIsBetter).toBe(true);
      expect(metric.description).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe("scorePair with the built-in metrics", () => {
  it("scores 1 everywhere for identical pages", async () => {
    const html = "<h1>Hi</h1><ul><li>one</li><li>two</li></ul>";
    // 16 x 16, large enough for SSIM's 11 x 11 window; a diagonal line.
    const data = new Uint8Array(16 * 16 * 4).fill(255);
    for (let k = 0; k < 16; k++) data.fill(0, (k * 16 + k) * 4, (k * 16 + k) * 4 + 3);
    const render: RasterImage = { width: 16, height: 16, data };
    const blocks = [{ text: "Hi", x: 0, y: 0, width: 8, height: 8, color: [0, 0, 0] as [number, number, number] }];
    const pred = scorePage(html, render, blocks);
    const ref = scorePage(html, render, blocks);
    const { values, errors } = await scorePair(METRICS, pred, ref);
    expect(values).toEqual(Object.fromEntries(CONTRACT_ORDER.map((id) => [id, 1])));
    expect(errors).toEqual({});
    // With CLIP in the list, d2c_final follows it and reads the five.
    const clip: Metric = { ...fixed("d2c_clip", 0.5) };
    expect((await scorePair([...METRICS, clip, d2cFinal], pred, ref)).values.d2c_final).toBe(0.9);
  });

  it("scores a blank prediction against a page", async () => {
    const block = { text: "hi", x: 0, y: 0, width: 1, height: 1, color: [0, 0, 0] as [number, number, number] };
    const { values, errors } = await scorePair(METRICS, scorePage("", image([".."]), []), scorePage("<p>hi</p>", image(["#."]), [block]));
    expect(values).toMatchObject({
      pixel_similarity: 0.5,
      dom_depth_similarity: expect.closeTo(2 / 3, 12), // 3 levels against 2
      tag_count_similarity: 0.75, // 3 elements against 4
      unique_tags_similarity: 0.75,
      tag_histogram_similarity: 0.75,
      tree_bleu: 0.5,
      text_similarity: 0,
      ssim: null, // 2 x 1 renders hold no 11 x 11 window
      d2c_block_match: 0,
      d2c_text: 0,
      d2c_position: 0,
      d2c_color: 0,
    });
    expect(Object.keys(errors)).toEqual(["ssim"]);
  });

  it("says which render carries no text blocks", async () => {
    const { errors } = await scorePair(METRICS, page("", image(["."])), page("", image(["."])));
    expect(errors.d2c_text).toMatch(/the prediction's render carries no text blocks/);
  });
});

describe("scorePair with given metrics", () => {
  const thrower: Metric = {
    ...fixed("broken", 0),
    compute: () => {
      throw new Error("boom");
    },
  };

  it("scores a throwing metric null, records its error, and scores the rest", async () => {
    const result = await scorePair([fixed("first", 0.25), thrower, fixed("last", 1)], page(), page());
    expect(result.values).toEqual({ first: 0.25, broken: null, last: 1 });
    expect(result.errors).toEqual({ broken: "boom" });
    expect(Object.keys(result.ms)).toEqual(["first", "broken", "last"]);
  });

  it("records a thrown non-Error as text", async () => {
    const result = await scorePair(
      [
        {
          ...thrower,
          compute: () => {
            throw "plain";
          },
        },
      ],
      page(),
      page(),
    );
    expect(result.errors).toEqual({ broken: "plain" });
  });

  it("passes each metric the scores of those before it, and awaits a metric that runs a model", async () => {
    const seen: Array<Record<string, number | null>> = [];
    const reader: Metric = { ...fixed("reader", 0), compute: (_artifacts, earlier) => (seen.push({ ...earlier }), 0.5) };
    const slow: Metric = { ...fixed("slow", 0), compute: async () => 0.75 };
    const result = await scorePair([fixed("first", 0.25), thrower, slow, reader], page(), page());
    expect(result.values).toEqual({ first: 0.25, broken: null, slow: 0.75, reader: 0.5 });
    expect(seen).toEqual([{ first: 0.25, broken: null, slow: 0.75 }]);
  });

  it("refuses values outside [0, 1], NaN included", async () => {
    const result = await scorePair([fixed("nan", NaN), fixed("big", 1.5), fixed("low", -0.1), fixed("zero", 0)], page(), page());
    expect(result.values).toEqual({ nan: null, big: null, low: null, zero: 0 });
    expect(result.errors).toEqual({
      nan: "returned NaN, outside [0, 1]",
      big: "returned 1.5, outside [0, 1]",
      low: "returned -0.1, outside [0, 1]",
    });
  });

  it("awaits a metric that answers later, and scores one that rejects null", async () => {
    const later: Metric = { ...fixed("later", 0), compute: async () => 0.75 };
    const rejects: Metric = { ...fixed("rejects", 0), compute: () => Promise.reject(new Error("no session")) };
    const result = await scorePair([later, rejects], page(), page());
    expect(result.values).toEqual({ later: 0.75, rejects: null });
    expect(result.errors).toEqual({ rejects: "no session" });
  });

  it("shows each metric the scores of those before it", async () => {
    const seen: Record<string, number | null>[] = [];
    const spy: Metric = { ...fixed("spy", 0), compute: (_artifacts, scores) => (seen.push({ ...scores }), 1) };
    await scorePair([fixed("first", 0.25), thrower, spy], page(), page());
    expect(seen).toEqual([{ first: 0.25, broken: null }]);
  });
});

describe("metricsMetadata", () => {
  it("describes every metric by id, in order", () => {
    const metadata = metricsMetadata();
    expect(Object.keys(metadata)).toEqual(CONTRACT_ORDER);
    expect(metadata.tree_bleu).toEqual({
      version: 1,
      higherIsBetter: true,
      description: METRICS.find((m) => m.id === "tree_bleu")!.description,
    });
  });
});

describe("scoring dependencies", () => {
  const pinned = (
    JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      dependencies: Record<string, string>;
    }
  ).dependencies;

  it("reads the installed versions, which match the package's pins", () => {
    expect(scoringDependencies()).toEqual({
      parse5: pinned.parse5,
      pixelmatch: pinned.pixelmatch,
      sharp: pinned.sharp,
      libvips: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
  });

  it("records pixelmatch 7.2.0, whose colour distance the pixel scores assume", () => {
    expect(PIXELMATCH_VERSION).toBe("7.2.0");
  });
});

describe("loadMetrics", () => {
  it("without --clip-model leaves d2c_clip and d2c_final out, each with its reason", async () => {
    const set = await loadMetrics();
    expect(set.metrics).toEqual(METRICS);
    expect(set.absent).toEqual({
      d2c_clip: "needs --clip-model, an ONNX export of CLIP ViT-B/32's image encoder",
      d2c_final: "needs all five Design2Code scores; d2c_clip is absent",
    });
    expect(set.clip).toBeUndefined();
    await set.close();
  });
  // With --clip-model (onnxruntime): test/metrics/load-metrics-clip.test.ts, in the e2e tier.
});

describe("OPTIONAL_METRICS", () => {
  it("describes the metrics a run may leave out, in the contract's order", () => {
    expect(OPTIONAL_METRICS.map((m) => m.id)).toEqual(["d2c_clip", "d2c_final"]);
    expect(Object.keys(metricsMetadata(OPTIONAL_METRICS))).toEqual(["d2c_clip", "d2c_final"]);
  });
});
