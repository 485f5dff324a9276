import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { d2cClipInfo } from "../../src/metrics/d2c-clip.js";
import { readRun } from "../../src/results/index.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";
import { TINY_FEATURES, tinyEncoderGraph, writeOnnxModel } from "../helpers/onnx.js";

describe("run --clip-model: Design2Code's CLIP score and its final score, with the user's encoder", () => {
  // Random-looking but fixed weights: different pages embed differently.
  const weights = Float32Array.from({ length: TINY_FEATURES * 8 }, (_, i) => Math.sin(i * 12.9898) * 0.5);
  const model = writeOnnxModel(join(tempDir("w2c-clip-"), "tiny-clip.onnx"), tinyEncoderGraph(weights, 8));

  it("adds d2c_clip and d2c_final, records the encoder, and scores the reference's own page 1", async () => {
    const cache = tempDir();
    const runs = join(tempDir(), "runs");
    const { code, stderr } = await runCli(
      ["run", "--model", "reference", "--model", "blank", "--limit", "2", "--clip-model", model, "--out", runs, "--quiet"],
      { env: { WEB2CODE_CACHE_DIR: cache } },
    );
    expect(code, stderr).toBe(0);
    const reference = readRun(join(runs, "reference"));
    expect(Object.keys(reference.results.metrics).slice(-2)).toEqual(["d2c_clip", "d2c_final"]);
    expect(reference.results.metrics.d2c_clip).toMatchObject({
      // The metric's own version (its values per version: test/metrics/golden.test.ts).
      version: d2cClipInfo.version,
      encoder: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), dimensions: 8 },
    });
    expect(reference.results.absentMetrics).not.toHaveProperty("d2c_clip");
    expect(reference.results.environment).toMatchObject({ clip: { model, provider: "cpu", dimensions: 8 } });
    for (const record of reference.records) {
      expect(record.metrics.d2c_clip).toBeCloseTo(1, 6);
      // 0.2 x the five, all 1 for the reference itself.
      expect(record.metrics.d2c_final).toBeCloseTo(1, 6);
    }
    const blank = readRun(join(runs, "blank"));
    for (const record of blank.records) {
      expect(record.metrics.d2c_clip).toBeGreaterThan(0);
      expect(record.metrics.d2c_clip).toBeLessThan(1);
      // A blank page matches no block: only CLIP's share is left, as Design2Code's code gives it.
      expect(record.metrics.d2c_final).toBeCloseTo(0.2 * record.metrics.d2c_clip!, 12);
    }
  });

  it("refuses a file that is not a CLIP image encoder before anything is written", async () => {
    const bad = join(tempDir(), "not-a-model.onnx");
    writeFileSync(bad, "not a model");
    const out = join(tempDir(), "never");
    const { code, stderr } = await runCli(["run", "--model", "blank", "--limit", "1", "--clip-model", bad, "--out", out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^web2code-eval: ${bad.replace(/[.]/g, "\\.")}: `));
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});
