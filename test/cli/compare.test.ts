import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/cli/config.js";
import type { Comparison } from "../../src/report/index.js";
import { type SampleRecord } from "../../src/results/index.js";
import { runCli } from "../helpers/cli.js";

import { tempDir } from "../helpers/dataset.js";
import { CONTRACT_METRIC_IDS } from "../helpers/contract.js";
import { loadedRun, record, recordWith, writeRunDir, FIXTURE_METRIC_IDS } from "../helpers/runs.js";

const FINGERPRINT = "sha256:0123456789abcdef0123456789abcdef";
const ids = Array.from({ length: 40 }, (_, i) => `s${String(i).padStart(2, "0")}`);
const ALL = FIXTURE_METRIC_IDS.join(", ");
/** Every metric id a config may name: the contract's (those of --clip-model and --judge too). */
const KNOWN = [
  ...CONTRACT_METRIC_IDS,
  "d2c_clip",
  "d2c_final",
  "wcgb_structure",
  "wcgb_color",
  "wcgb_text",
  "wcgb_ui",
  "wcgb_overall",
].join(", ");

/** A baseline and a current run folder under a fresh root (also the cwd, so no config applies unless a test writes one). */
function runs(baseline: SampleRecord[], current: SampleRecord[], currentFingerprint?: string) {
  const root = tempDir("w2c-compare-");
  return {
    root,
    baseline: writeRunDir(join(root, "base"), loadedRun("model-a", baseline).results, baseline),
    current: writeRunDir(join(root, "cur"), loadedRun("model-a", current, currentFingerprint).results, current),
  };
}

const steady = ids.map((id) => record(id, 0.8));
const dropped = ids.map((id) => record(id, 0.7));
// Mean change -0.003, each sample ±0.05 around it.
const noisy = ids.map((id, i) => record(id, 0.8 - 0.003 + (i % 2 ? 0.05 : -0.05)));

function compare(r: { root: string; baseline: string; current: string }, ...flags: string[]) {
  return runCli(["compare", "--baseline", r.baseline, "--current", r.current, ...flags], { cwd: r.root });
}

function verdicts(markdown: string): string[] {
  return markdown
    .split("\n")
    .filter((line) => /^\| \**[a-z_]+\** \| \d/.test(line))
    .map((line) => line.split(" | ").at(-1)!.replace(/[ |*]/g, ""));
}

describe("compare", () => {
  it("finds identical runs neutral on every metric, with exit 0", async () => {
    const result = await compare(runs(steady, steady));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^## web2code-eval compare\n\nNo regression\n/);
    expect(verdicts(result.stdout)).toEqual(Array(7).fill("neutral"));
  });

  it("finds a clear drop (40 samples each 0.1 lower) a regression, naming the metrics, with exit 100", async () => {
    const r = runs(steady, dropped);
    const result = await compare(r);
    expect(result.code).toBe(100);
    expect(result.stdout).toContain(`**Regression** in ${ALL} (error)`);
    expect(result.stdout).toContain("| **pixel_similarity** | 0.800 | 0.700 | -0.100 [-0.100, -0.100] | 0.010 (error) | **regression** |");
    expect(verdicts(result.stdout)).toEqual(Array(7).fill("regression"));
    expect(result.stderr).toBe(`web2code-eval: regression in ${ALL}\n`);
    // A wider tolerance turns the same drop neutral.
    const tolerant = await compare(r, "--max-drop", "0.2");
    expect(tolerant.code).toBe(0);
    expect(verdicts(tolerant.stdout)).toEqual(Array(7).fill("neutral"));
  });

  it("finds a small noisy drop (mean -0.003, noise ±0.05) neutral, with exit 0", async () => {
    const result = await compare(runs(steady, noisy));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\n\nNo regression\n");
    expect(verdicts(result.stdout)).toEqual(Array(7).fill("neutral"));
  });

  it("reports a warn-level regression from web2code.config.json but exits 0", async () => {
    const r = runs(
      steady,
      ids.map((id) => recordWith(id, { pixel_similarity: 0.7 }, 0.8)),
    );
    const assertions = { pixel_similarity: ["warn", { maxDrop: 0.02 }], tree_bleu: "off" };
    writeFileSync(join(r.root, "web2code.config.json"), JSON.stringify({ compare: { assertions } }));
    const result = await compare(r);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\n\n**Warning:** regression in pixel_similarity (warn)\n");
    expect(result.stdout).toContain("| **pixel_similarity** | 0.800 | 0.700 | -0.100 [-0.100, -0.100] | 0.020 (warn) | **regression** |");
    expect(result.stdout).toContain("| tree_bleu | 0.800 | 0.800 | 0.000 [0.000, 0.000] | off | off |");
  });

  it("refuses runs on different dataset fingerprints with exit 2 and one line, unless --allow-dataset-change", async () => {
    const r = runs(steady, steady, "sha256:other");
    const refused = await compare(r);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      `web2code-eval: different datasets: baseline fingerprint ${FINGERPRINT}, current sha256:other; pass --allow-dataset-change to compare the samples they share\n`,
    );
    const allowed = await compare(r, "--allow-dataset-change");
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain(`\n\n> **Warning:** dataset changed: baseline ${FINGERPRINT}, current sha256:other\n`);
  });

  it("--json prints the comparison for machines, and still exits 100 on a regression", async () => {
    const r = runs(steady, dropped);
    const result = await runCli(
      ["compare", "--baseline", join(r.baseline, "results.json"), "--current", r.current, "--json", "--seed", "7"],
      { cwd: r.root },
    );
    expect(result.code).toBe(100);
    const json = JSON.parse(result.stdout) as Comparison;
    expect(Object.keys(json).sort()).toEqual([
      "baseline",
      "bootstrap",
      "current",
      "failed",
      "metrics",
      "paired",
      "samples",
      "warned",
      "warnings",
      "worse",
      "worseOver",
    ]);
    expect(json).toMatchObject({
      paired: true,
      failed: true,
      warned: false,
      samples: { shared: 40, onlyBaseline: 0, onlyCurrent: 0 },
      bootstrap: { resamples: 10_000, seed: 7 },
      baseline: { model: "model-a", source: r.baseline, dataset: { id: "fixture", fingerprint: FINGERPRINT } },
      current: { model: "model-a", source: r.current },
      warnings: [],
    });
    expect(json.metrics.map((m) => m.id)).toEqual(FIXTURE_METRIC_IDS);
    expect(Object.keys(json.metrics[0]!)).toEqual([
      "id",
      "baselineMean",
      "currentMean",
      "change",
      "low",
      "high",
      "level",
      "maxDrop",
      "verdict",
      "n",
    ]);
    expect(json.metrics[0]).toMatchObject({ level: "error", maxDrop: 0.01, verdict: "regression", n: 40 });
    expect(json.metrics[0]!.change).toBeCloseTo(-0.1, 12);
    expect(json.worse).toHaveLength(10);
    expect(json.worse[0]).toMatchObject({ id: "s00", currentStatus: "ok" });
  });

  it("takes its baseline from a leaderboard file, unpaired, picking the entry by model id or --baseline-model", async () => {
    const r = runs(
      steady,
      ids.map((id) => record(id, 0.5)),
    );
    const aggregates = (mean: number) =>
      Object.fromEntries(
        FIXTURE_METRIC_IDS.map((id) => [id, { mean, low: mean - 0.0196, high: mean + 0.0196, stderr: 0.01, median: mean, n: 40 }]),
      );
    const entry = (id: string, mean: number) => ({
      id,
      provenance: { model: { id } },
      aggregates: aggregates(mean),
      n: 40,
      failures: {},
      date: "2026-01-01T00:00:00.000Z",
    });
    const board = join(r.root, "leaderboard.json");
    writeFileSync(
      board,
      JSON.stringify({
        schemaVersion: 1,
        dataset: { id: "fixture", fingerprint: FINGERPRINT },
        entries: [entry("model-a", 0.8), entry("other", 0.5)],
      }),
    );
    const args = ["compare", "--baseline", board, "--current", r.current];

    const own = await runCli(args, { cwd: r.root });
    expect(own.code).toBe(100);
    expect(own.stdout).toContain("Unpaired: the baseline is a leaderboard entry");
    // Change 0.5 - 0.8 = -0.3; interval ± 1.96 × √(0.01² + 0²) = ± 0.0196.
    expect(own.stdout).toContain("| **pixel_similarity** | 0.800 | 0.500 | -0.300 [-0.320, -0.280] | 0.010 (error) | **regression** |");
    expect(own.stdout).not.toContain("Samples that got most worse");

    const other = await runCli([...args, "--baseline-model", "other"], { cwd: r.root });
    expect(other.code).toBe(0);
    expect(other.stdout).toContain("Baseline `other`, current `model-a`");
    expect(verdicts(other.stdout)).toEqual(Array(7).fill("neutral"));

    const missing = await runCli([...args, "--baseline-model", "nope"], { cwd: r.root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `web2code-eval: ${board}: no leaderboard entry "nope" (entries: model-a, other); choose one with --baseline-model\n`,
    );
  });

  it("compares with a leaderboard the leaderboard command wrote (the nightly job)", async () => {
    const r = runs(steady, steady);
    const board = join(r.root, "board.json");
    expect((await runCli(["leaderboard", r.baseline, "--out", board, "--quiet"], { cwd: r.root })).code).toBe(0);
    const result = await runCli(["compare", "--baseline", board, "--current", r.current], { cwd: r.root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("| pixel_similarity | 0.800 | 0.800 | 0.000 [0.000, 0.000] | 0.010 (error) | neutral |");
  });

  it("refuses bad usage with exit 2: --baseline-model with a run, a bad --max-drop, a misspelt metric in the config", async () => {
    const r = runs(steady, steady);
    const modelWithRun = await compare(r, "--baseline-model", "x");
    expect(modelWithRun.code).toBe(2);
    expect(modelWithRun.stderr).toBe(`web2code-eval: --baseline-model picks a leaderboard entry, but ${r.baseline} is a run\n`);
    const badDrop = await compare(r, "--max-drop", "lots");
    expect(badDrop.code).toBe(2);
    expect(badDrop.stderr).toContain("error: option '--max-drop <X>' argument 'lots' is invalid. expected a number >= 0");
    writeFileSync(join(r.root, "web2code.config.json"), JSON.stringify({ compare: { assertions: { pixel_similarty: "off" } } }));
    const badConfig = await compare(r);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toBe(
      `web2code-eval: ${join(r.root, "web2code.config.json")}: field compare.assertions.pixel_similarty: unknown metric (metrics: ${KNOWN})\n`,
    );
  });

  it("--help shows the flags and examples", async () => {
    const result = await runCli(["compare", "--help"]);
    expect(result.code).toBe(0);
    for (const flag of [
      "--baseline <RUN>",
      "--current <RUN>",
      "--max-drop <X>",
      "--allow-dataset-change",
      "--baseline-model <ID>",
      "--seed <N>",
      "--json",
      "--quiet",
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain("$ web2code-eval compare --baseline reports/main/boxes --current reports/pr/boxes");
  });
});

describe("the compare section of web2code.config.json", () => {
  it("reads assertions in Lighthouse CI's form", () => {
    const dir = tempDir();
    const compareSection = {
      assertions: {
        pixel_similarity: ["error", { maxDrop: 0.01 }],
        text_similarity: ["warn", { maxDrop: 0.02 }],
        tree_bleu: "off",
        dom_depth_similarity: ["warn", {}],
      },
    };
    writeFileSync(join(dir, "web2code.config.json"), JSON.stringify({ compare: compareSection }));
    expect(loadConfig(dir)).toEqual({ compare: compareSection });
  });

  it.each([
    [{ compare: { assertion: {} } }, 'field compare: Unrecognized key: "assertion"'],
    [
      { compare: { assertions: { tree_bleu: "of" } } },
      'field compare.assertions.tree_bleu: expected "off", "warn", "error" or [level, { "maxDrop": number >= 0 }]',
    ],
    [
      { compare: { assertions: { tree_bleu: ["warn", { maxdrop: 1 }] } } },
      'field compare.assertions.tree_bleu.1: Unrecognized key: "maxdrop"',
    ],
    [
      { compare: { assertions: { tree_bleu: ["warn", { maxDrop: -0.1 }] } } },
      "field compare.assertions.tree_bleu.1.maxDrop: Too small: expected number to be >=0",
    ],
  ])("refuses %j naming the file and the field", (config, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, "web2code.config.json"), JSON.stringify(config));
    expect(() => loadConfig(dir)).toThrow(`${join(dir, "web2code.config.json")}: ${message}`);
  });
});
