import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ClipModelError } from "../../src/metrics/clip/encoder.js";
import { loadMetrics, scorePair } from "../../src/metrics/index.js";
import { TSX_LOADER } from "../helpers/cli.js";
import { CONTRACT_METRIC_IDS as CONTRACT_ORDER } from "../helpers/contract.js";
import { tempDir } from "../helpers/dataset.js";
import { TINY_FEATURES, tinyEncoderGraph, writeOnnxModel } from "../helpers/onnx.js";
import { image, page } from "./helpers.js";

/** loadMetrics with --clip-model: onnxruntime runs a tiny encoder, so this file is in the e2e tier (test/tiers.ts). */
describe("loadMetrics with a CLIP encoder", () => {
  const tinyModel = () =>
    writeOnnxModel(join(tempDir("w2c-clip-"), "tiny.onnx"), tinyEncoderGraph(new Float32Array(TINY_FEATURES * 4).fill(0.5), 4));

  it("with --clip-model adds d2c_clip and d2c_final after the built-in metrics and says where the encoder runs", async () => {
    const model = tinyModel();
    const set = await loadMetrics({ clipModel: model, clip: { device: "cpu" } });
    try {
      expect(set.metrics.map((m) => m.id)).toEqual([...CONTRACT_ORDER, "d2c_clip", "d2c_final"]);
      expect(set.absent).toEqual({});
      expect(set.clip).toEqual({ model, provider: "cpu", dimensions: 4 });
      const clipped = { ...page("", image(["#.", ".#"])), textBlocks: [] };
      expect((await scorePair(set.metrics, clipped, clipped)).values.d2c_clip).toBeCloseTo(1, 6);
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
