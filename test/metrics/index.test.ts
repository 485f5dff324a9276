import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ClipModelError } from "../../src/metrics/clip/encoder.js";
import {
  computeMetrics,
  computeWith,
  loadMetrics,
  METRICS,
  metricsMetadata,
  OPTIONAL_METRICS,
  PIXELMATCH_VERSION,
  scoringDependencies,
} from "../../src/metrics/index.js";
import type { Metric } from "../../src/metrics/types.js";
import { TSX_LOADER } from "../helpers/cli.js";
import { CONTRACT_METRIC_IDS as CONTRACT_ORDER } from "../helpers/contract.js";
import { tempDir } from "../helpers/dataset.js";
import { TINY_FEATURES, tinyEncoderGraph, writeOnnxModel } from "../helpers/onnx.js";
import { image, page } from "./helpers.js";

const fixed = (id: string, value: number): Metric => ({
  id,
  version: 1,
  description: id,
  higherIsBetter: true,
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

  it("gives every metric version 1, higher is better, and a sentence", () => {
    for (const metric of METRICS) {
      expect(metric.version).toBe(1);
      expect(metric.higherIsBetter).toBe(true);
      expect(metric.description).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe("computeMetrics", () => {
  it("scores 1 everywhere for identical pages", async () => {
    const html = "<h1>Hi</h1><ul><li>one</li><li>two</li></ul>";
    const render = image(["#.", ".#"]);
    const { values, errors } = await computeMetrics(page(html, render), page(html, render));
    expect(values).toEqual(Object.fromEntries(CONTRACT_ORDER.map((id) => [id, 1])));
    expect(errors).toEqual({});
  });

  it("scores a blank prediction against a page", async () => {
    const { values } = await computeMetrics(page("", image([".."])), page("<p>hi</p>", image(["#."])));
    expect(values).toEqual({
      pixel_similarity: 0.5,
      dom_depth_similarity: expect.closeTo(2 / 3, 12), // 3 levels against 2
      tag_count_similarity: 0.75, // 3 elements against 4
      unique_tags_similarity: 0.75,
      tag_histogram_similarity: 0.75,
      tree_bleu: 0.5,
      text_similarity: 0,
    });
  });
});

describe("computeWith", () => {
  const thrower: Metric = {
    ...fixed("broken", 0),
    compute: () => {
      throw new Error("boom");
    },
  };

  it("scores a throwing metric null, records its error, and scores the rest", async () => {
    const result = await computeWith([fixed("first", 0.25), thrower, fixed("last", 1)], page(), page());
    expect(result.values).toEqual({ first: 0.25, broken: null, last: 1 });
    expect(result.errors).toEqual({ broken: "boom" });
    expect(Object.keys(result.ms)).toEqual(["first", "broken", "last"]);
  });

  it("records a thrown non-Error as text", async () => {
    const result = await computeWith(
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

  it("refuses values outside [0, 1], NaN included", async () => {
    const result = await computeWith([fixed("nan", NaN), fixed("big", 1.5), fixed("low", -0.1), fixed("zero", 0)], page(), page());
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
    const result = await computeWith([later, rejects], page(), page());
    expect(result.values).toEqual({ later: 0.75, rejects: null });
    expect(result.errors).toEqual({ rejects: "no session" });
  });

  it("shows each metric the scores of those before it", async () => {
    const seen: Record<string, number | null>[] = [];
    const spy: Metric = { ...fixed("spy", 0), compute: (_p, _r, scores) => (seen.push({ ...scores }), 1) };
    await computeWith([fixed("first", 0.25), thrower, spy], page(), page());
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
  const tinyModel = () =>
    writeOnnxModel(join(tempDir("w2c-clip-"), "tiny.onnx"), tinyEncoderGraph(new Float32Array(TINY_FEATURES * 4).fill(0.5), 4));

  it("without --clip-model leaves d2c_clip and d2c_final out, each with its reason", async () => {
    const set = await loadMetrics();
    expect(set.metrics).toEqual(METRICS);
    expect(set.absent).toEqual({
      d2c_clip: "needs --clip-model, an ONNX export of CLIP ViT-B/32's image encoder",
      d2c_final: "needs all five Design2Code scores; d2c_block_match, d2c_text, d2c_position, d2c_color, d2c_clip are absent",
    });
    expect(set.clip).toBeUndefined();
    await set.close();
  });

  it("with --clip-model adds d2c_clip after the built-in metrics and says where the encoder runs", async () => {
    const model = tinyModel();
    const set = await loadMetrics({ clipModel: model, clip: { device: "cpu" } });
    try {
      expect(set.metrics.map((m) => m.id)).toEqual([...CONTRACT_ORDER, "d2c_clip"]);
      expect(set.absent).toEqual({
        d2c_final: "needs all five Design2Code scores; d2c_block_match, d2c_text, d2c_position, d2c_color are absent",
      });
      expect(set.clip).toEqual({ model, provider: "cpu", dimensions: 4 });
      const clipped = { ...page("", image(["#.", ".#"])), textBlocks: [] };
      expect((await computeWith(set.metrics, clipped, clipped)).values.d2c_clip).toBeCloseTo(1, 6);
    } finally {
      await set.close();
    }
  });

  it("refuses a --clip-model that is not an image encoder, naming it", async () => {
    const path = join(tempDir("w2c-clip-"), "model.onnx");
    writeFileSync(path, "not a model");
    await expect(loadMetrics({ clipModel: path })).rejects.toThrow(ClipModelError);
  });

  it("loads onnxruntime only for a run with --clip-model", () => {
    // In a fresh process, since this one has loaded it already; CommonJS modules imported from ESM land in require.cache.
    const index = fileURLToPath(new URL("../../src/metrics/index.ts", import.meta.url));
    const probe = (options: string) =>
      execFileSync(
        process.execPath,
        [
          "--import",
          TSX_LOADER,
          "--input-type=module",
          "-e",
          `import { createRequire } from "node:module";
           const { loadMetrics } = await import(${JSON.stringify(index)});
           const set = await loadMetrics(${options}); await set.close();
           const cache = Object.keys(createRequire(import.meta.url).cache);
           console.log(cache.some((file) => file.includes("onnxruntime")));`,
        ],
        { encoding: "utf8" },
      ).trim();
    expect(probe("{}")).toBe("false");
    expect(probe(JSON.stringify({ clipModel: tinyModel(), clip: { device: "cpu" } }))).toBe("true");
  });
});

describe("OPTIONAL_METRICS", () => {
  it("describes the metrics a run may leave out, in the contract's order", () => {
    expect(OPTIONAL_METRICS.map((m) => m.id)).toEqual(["d2c_clip", "d2c_final"]);
    expect(Object.keys(metricsMetadata(OPTIONAL_METRICS))).toEqual(["d2c_clip", "d2c_final"]);
  });
});
