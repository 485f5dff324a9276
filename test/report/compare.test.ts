import { describe, expect, it } from "vitest";
import { compareRuns, type Assertion, type Baseline } from "../../src/report/index.js";
import { RunInputError, type LoadedRun, type SampleRecord } from "../../src/results/index.js";

import { loadedRun, record, recordWith, FIXTURE_METRIC_IDS } from "../helpers/runs.js";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${String(i).padStart(2, "0")}`);
const runOf = (model: string, records: SampleRecord[], fingerprint?: string): Baseline => ({
  kind: "run",
  run: loadedRun(model, records, fingerprint),
});
const levels = (byMetric: Record<string, Assertion>) => (id: string) => byMetric[id] ?? { level: "error" as const, maxDrop: 0.01 };

describe("compareRuns on paired runs", () => {
  it("finds identical runs neutral: zero change, an interval collapsed on zero, nothing worse", () => {
    const records = ids(5).map((id, i) => record(id, i / 4));
    const comparison = compareRuns(runOf("base", records), loadedRun("cur", records));
    expect(comparison.metrics.map((m) => m.id)).toEqual(FIXTURE_METRIC_IDS);
    expect(comparison.metrics[0]).toEqual({
      id: "pixel_similarity",
      baselineMean: 0.5,
      currentMean: 0.5,
      change: 0,
      low: 0,
      high: 0,
      maxDrop: 0.01,
      level: "error",
      verdict: "neutral",
      n: 5,
    });
    expect(comparison.metrics.every((m) => m.verdict === "neutral")).toBe(true);
    expect(comparison).toMatchObject({
      paired: true,
      failed: false,
      warned: false,
      worse: [],
      warnings: [],
      samples: { shared: 5, onlyBaseline: 0, onlyCurrent: 0 },
      bootstrap: { resamples: 10_000, seed: 1 },
      baseline: { model: "base", source: "/runs/base", dataset: { id: "fixture", fingerprint: "sha256:0123456789abcdef0123456789abcdef" } },
      current: { model: "cur", source: "/runs/cur" },
    });
  });

  it("finds a clear drop a regression at level error, and a clear rise an improvement", () => {
    const base = ids(40).map((id) => record(id, 0.75));
    const drop = compareRuns(
      runOf("base", base),
      loadedRun(
        "cur",
        ids(40).map((id) => record(id, 0.625)),
      ),
    );
    expect(drop.metrics[0]).toMatchObject({ change: -0.125, low: -0.125, high: -0.125, verdict: "regression", n: 40 });
    expect(drop.metrics.every((m) => m.verdict === "regression")).toBe(true);
    expect(drop).toMatchObject({ failed: true, warned: false });
    const rise = compareRuns(
      runOf("base", base),
      loadedRun(
        "cur",
        ids(40).map((id) => record(id, 0.875)),
      ),
    );
    expect(rise.metrics.every((m) => m.verdict === "improvement")).toBe(true);
    expect(rise.failed).toBe(false);
  });

  it("finds a small noisy drop neutral: its interval reaches above minus the max drop", () => {
    // Mean change -0.003, each sample ±0.05 around it.
    const base = ids(40).map((id) => record(id, 0.5));
    const current = ids(40).map((id, i) => record(id, 0.5 - 0.003 + (i % 2 ? 0.05 : -0.05)));
    const pixel = compareRuns(runOf("base", base), loadedRun("cur", current)).metrics[0]!;
    expect(pixel.change).toBeCloseTo(-0.003, 12);
    expect(pixel.low!).toBeLessThan(-0.01);
    expect(pixel.high!).toBeGreaterThan(0);
    expect(pixel.verdict).toBe("neutral");
  });

  it("judges by each metric's level and max drop: warn only warns, off gives no verdict", () => {
    const base = ids(10).map((id) => record(id, 0.75));
    const current = ids(10).map((id) => recordWith(id, { pixel_similarity: 0.5, tree_bleu: 0.5, text_similarity: 0.5 }, 0.75));
    const comparison = compareRuns(runOf("base", base), loadedRun("cur", current), {
      assertion: levels({
        pixel_similarity: { level: "warn", maxDrop: 0.01 },
        tree_bleu: { level: "off", maxDrop: 0.01 },
        text_similarity: { level: "error", maxDrop: 0.5 },
      }),
    });
    const byId = Object.fromEntries(comparison.metrics.map((m) => [m.id, m]));
    expect(byId.pixel_similarity).toMatchObject({ verdict: "regression", level: "warn", change: -0.25 });
    expect(byId.tree_bleu).toMatchObject({ verdict: "off", level: "off", change: -0.25, low: -0.25, high: -0.25 });
    expect(byId.text_similarity).toMatchObject({ verdict: "neutral", maxDrop: 0.5 });
    expect(byId.dom_depth_similarity).toMatchObject({ verdict: "neutral", change: 0 });
    expect(comparison).toMatchObject({ failed: false, warned: true });
  });

  it("counts a failed sample as 0, as the aggregates do", () => {
    const comparison = compareRuns(
      runOf("base", [record("a", 0.5), record("b", 0.5)]),
      loadedRun("cur", [record("a", 0.5), record("b", null)]),
    );
    expect(comparison.metrics[0]).toMatchObject({ baselineMean: 0.5, currentMean: 0.25, change: -0.25 });
    expect(comparison.worse).toEqual([{ id: "b", baseline: 0.5, current: 0, change: -0.5, currentStatus: "render_error" }]);
  });

  it("pairs only the samples both runs have and counts the others", () => {
    const comparison = compareRuns(
      runOf("base", [record("a", 0.5), record("b", 0.5), record("c", 0.5)]),
      loadedRun("cur", [record("b", 0.5), record("c", 0.5), record("d", 0), record("e", 0)]),
    );
    expect(comparison.samples).toEqual({ shared: 2, onlyBaseline: 1, onlyCurrent: 2 });
    expect(comparison.metrics[0]).toMatchObject({ n: 2, change: 0, verdict: "neutral" });
  });

  it("refuses runs that share no sample", () => {
    expect(() => compareRuns(runOf("base", [record("a", 1)]), loadedRun("cur", [record("b", 1)]))).toThrow(RunInputError);
    expect(() => compareRuns(runOf("base", [record("a", 1)]), loadedRun("cur", [record("b", 1)]))).toThrow(
      "/runs/base and /runs/cur share no sample ids: nothing to compare",
    );
  });

  it("lists the samples that got most worse, worst first, at most ten", () => {
    const base = ids(12).map((id) => record(id, 0.75));
    const currentValues = [0.75, 0.5, 0.625, 0.875, 0.25, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    const comparison = compareRuns(
      runOf("base", base),
      loadedRun(
        "cur",
        ids(12).map((id, i) => record(id, currentValues[i]!)),
      ),
    );
    expect(comparison.worse).toHaveLength(10);
    expect(comparison.worse.slice(0, 3)).toEqual([
      { id: "s04", baseline: 0.75, current: 0.25, change: -0.5, currentStatus: "ok" },
      { id: "s01", baseline: 0.75, current: 0.5, change: -0.25, currentStatus: "ok" },
      { id: "s05", baseline: 0.75, current: 0.5, change: -0.25, currentStatus: "ok" },
    ]);
    expect(comparison.worse.map((s) => s.id)).not.toContain("s00");
    expect(comparison.worse.map((s) => s.id)).not.toContain("s03");
    expect(comparison.worse.at(-1)).toMatchObject({ id: "s02", change: -0.125 });
  });

  it("shows a metric one run lacks as absent, without a verdict, and warns of moved metric versions and datasets", () => {
    const records = [record("a", 0.5), record("b", 0.5)];
    const current = loadedRun("cur", records, "sha256:other");
    const { tree_bleu: _dropped, ...metrics } = current.results.metrics;
    const withoutTreeBleu: LoadedRun = {
      ...current,
      results: { ...current.results, metrics: { ...metrics, text_similarity: { ...metrics.text_similarity!, version: 9 } } },
    };
    const comparison = compareRuns(runOf("base", records), withoutTreeBleu);
    expect(comparison.metrics.map((m) => m.id)).toEqual([...FIXTURE_METRIC_IDS.filter((id) => id !== "tree_bleu"), "tree_bleu"]);
    expect(comparison.metrics.at(-1)).toEqual({
      id: "tree_bleu",
      baselineMean: 0.5,
      currentMean: null,
      change: null,
      low: null,
      high: null,
      maxDrop: 0.01,
      level: "error",
      verdict: "absent",
      n: 0,
    });
    expect(comparison.warnings).toEqual([
      "dataset changed: baseline sha256:0123456789abcdef0123456789abcdef, current sha256:other",
      "text_similarity: metric version 1 in the baseline, 9 in the current run",
    ]);
  });

  it("uses the seed and resample count it is given", () => {
    const base = ids(30).map((id) => record(id, 0.5));
    const current = ids(30).map((id, i) => record(id, (i % 7) / 7));
    const run = (seed: number) => compareRuns(runOf("base", base), loadedRun("cur", current), { seed, resamples: 500 });
    expect(run(3)).toEqual(run(3));
    expect(run(3).metrics[0]!.low).not.toBe(run(4).metrics[0]!.low);
    expect(run(3).bootstrap).toEqual({ resamples: 500, seed: 3 });
  });
});

describe("compareRuns on a leaderboard baseline", () => {
  const leaderboard = (mean: number, stderr: number): Baseline => ({
    kind: "leaderboard",
    file: "/boards/lb.json",
    dataset: { id: "fixture", fingerprint: "sha256:0123456789abcdef0123456789abcdef" },
    metrics: {},
    entry: { id: "cur", aggregates: Object.fromEntries(FIXTURE_METRIC_IDS.map((id) => [id, { mean, stderr, n: 4 }])) },
  });
  // Current: 0.5, 0.5, 1, 1: mean 0.75, sample variance 1/12, stderr sqrt(1/48).
  const current = loadedRun("cur", [record("a", 0.5), record("b", 0.5), record("c", 1), record("d", 1)]);
  const currentStderr = Math.sqrt(1 / 48);

  it("compares means unpaired, with the standard errors added in quadrature", () => {
    const comparison = compareRuns(leaderboard(0.75, 0.05), current);
    const half = 1.96 * Math.sqrt(0.05 ** 2 + currentStderr ** 2);
    expect(comparison.metrics[0]).toEqual({
      id: "pixel_similarity",
      baselineMean: 0.75,
      currentMean: 0.75,
      change: 0,
      low: -half,
      high: half,
      maxDrop: 0.01,
      level: "error",
      verdict: "neutral",
      n: 4,
    });
    expect(comparison).toMatchObject({ paired: false, samples: null, bootstrap: null, worse: [], failed: false });
    expect(comparison.baseline).toEqual({
      model: "cur",
      source: "/boards/lb.json",
      dataset: { id: "fixture", fingerprint: "sha256:0123456789abcdef0123456789abcdef" },
    });
  });

  it("finds a drop beyond both errors a regression", () => {
    const steady = loadedRun("cur", [record("a", 0.5), record("b", 0.5)]);
    const comparison = compareRuns(leaderboard(0.75, 0.01), steady);
    expect(comparison.metrics[0]).toMatchObject({ change: -0.25, low: -0.25 - 0.0196, high: -0.25 + 0.0196, n: 2 });
    expect(comparison.metrics.every((m) => m.verdict === "regression")).toBe(true);
    expect(comparison.failed).toBe(true);
  });
});
