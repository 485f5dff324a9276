import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildLeaderboard, LEADERBOARD_SCHEMA_ID, LEADERBOARD_SCHEMA_PATH } from "../../src/report/index.js";
import { RunInputError, type LoadedRun, type Results, type SampleRecord } from "../../src/results/index.js";

import { leaderboardValidator, record, results, FIXTURE_METRIC_IDS } from "../helpers/runs.js";

const TOOL = { name: "web2code-eval", version: "9.9.9" };

function run(dir: string, model: string, records: SampleRecord[], change: (r: Results) => Results = (r) => r): LoadedRun {
  return { dir, results: change(results(model, records)), records };
}

// beta: 1, 0.5 and a failed sample (0): mean 0.5, stderr sqrt(0.25 / 3), interval clamped at both ends.
const beta = () => run("/runs/beta", "beta", [record("a", 1), record("b", 0.5), record("c", null)]);
// alpha: no spread, so the interval is the mean itself.
const alpha = () => run("/runs/alpha", "alpha", [record("a", 0.5), record("b", 0.5), record("c", 0.5)]);
// gamma: 0.6, 0.8, 0.7, 0.7: mean 0.7, stderr sqrt(0.02 / 3 / 4), interval inside [0, 1]; the newest run.
const gamma = () =>
  run("/runs/gamma", "gamma", [record("a", 0.6), record("b", 0.8), record("c", 0.7), record("d", 0.7)], (r) => ({
    ...r,
    createdAt: "2026-03-04T05:06:07Z",
  }));

describe("buildLeaderboard", () => {
  const board = buildLeaderboard([gamma(), beta(), alpha()], { tool: TOOL });

  it("states the format, the writing tool, the newest run's date, the dataset, the task, the metrics and the aggregation rule", () => {
    expect(board.schemaVersion).toBe(1);
    expect(board.tool).toEqual(TOOL);
    // gamma's; alpha and beta were made on 2026-01-02: no time of writing, so the same runs give the same file.
    expect(board.createdAt).toBe("2026-03-04T05:06:07.000Z");
    expect(board.entries.map((e) => e.date)).toEqual(["2026-01-02T03:04:05.000Z", "2026-01-02T03:04:05.000Z", "2026-03-04T05:06:07.000Z"]);
    expect(board.dataset).toEqual({ id: "fixture", version: "1", fingerprint: "sha256:0123456789abcdef0123456789abcdef" });
    expect(board.task).toBe("image2html");
    expect(Object.keys(board.metrics)).toEqual(FIXTURE_METRIC_IDS);
    expect(board.metrics.tree_bleu).toMatchObject({ higherIsBetter: true });
    expect(board.aggregation).toMatch(/failed sample .* count as 0/);
  });

  it("sorts entries by model id, whatever order the runs come in", () => {
    expect(board.entries.map((e) => e.id)).toEqual(["alpha", "beta", "gamma"]);
    for (const order of [
      [alpha(), beta(), gamma()],
      [beta(), gamma(), alpha()],
    ]) {
      expect(JSON.stringify(buildLeaderboard(order, { tool: TOOL }))).toBe(JSON.stringify(board));
    }
    // Code-unit order, not the locale's: upper case before lower case.
    const mixed = buildLeaderboard(
      [run("/r/b", "b", [record("a", 1)]), run("/r/B", "B", [record("a", 1)]), run("/r/a", "a", [record("a", 1)])],
      { tool: TOOL },
    );
    expect(mixed.entries.map((e) => e.id)).toEqual(["B", "a", "b"]);
  });

  it("gives every metric in the metrics' order, with mean ∓ 1.96·stderr clamped to [0, 1]", () => {
    const [a, b, g] = board.entries;
    expect(Object.keys(b!.aggregates)).toEqual(FIXTURE_METRIC_IDS);
    expect(a!.aggregates.pixel_similarity).toEqual({ mean: 0.5, low: 0.5, high: 0.5, stderr: 0, median: 0.5, n: 3 });
    const bStderr = Math.sqrt(0.25 / 3);
    expect(b!.aggregates.tree_bleu).toEqual({ mean: 0.5, low: 0, high: 1, stderr: bStderr, median: 0.5, n: 3 });
    const gAggregate = g!.aggregates.text_similarity!;
    expect(gAggregate.mean).toBeCloseTo(0.7, 15);
    expect(gAggregate.stderr).toBeCloseTo(Math.sqrt(0.02 / 12), 15);
    expect(gAggregate.low).toBe(gAggregate.mean - 1.96 * gAggregate.stderr);
    expect(gAggregate.high).toBe(gAggregate.mean + 1.96 * gAggregate.stderr);
    expect(gAggregate.low).toBeCloseTo(0.619983, 6);
    expect(gAggregate.high).toBeCloseTo(0.780017, 6);
    expect(gAggregate).toMatchObject({ median: 0.7, n: 4 });
  });

  it("keeps full precision: the numbers are results.json's, unrounded", () => {
    const thirds = run("/r/t", "t", [record("a", 1), record("b", 0), record("c", 0)]);
    const aggregate = buildLeaderboard([thirds], { tool: TOOL }).entries[0]!.aggregates.pixel_similarity!;
    expect(aggregate.mean).toBe(1 / 3);
    const recorded = thirds.results.aggregates.pixel_similarity!;
    expect(aggregate).toMatchObject({ mean: recorded.mean, stderr: recorded.stderr, median: recorded.median });
    expect(String(aggregate.stderr).length).toBeGreaterThan(12);
  });

  it("counts samples, scored samples and failures (keys sorted), and dates the entry by its run", () => {
    const failing = run("/r/f", "f", [
      record("a", null, "render_timeout"),
      record("b", 1),
      record("c", null, "empty_output"),
      record("d", null, "render_timeout"),
    ]);
    const entry = buildLeaderboard([failing], { tool: TOOL }).entries[0]!;
    expect(entry).toMatchObject({ n: 4, scored: 1, date: "2026-01-02T03:04:05.000Z" });
    expect(Object.entries(entry.failures)).toEqual([
      ["empty_output", 1],
      ["render_timeout", 2],
    ]);
    expect(board.entries[0]!.failures).toEqual({});
  });

  it("records provenance: the run's model verbatim, the tool that made it and its scoring environment", () => {
    const model = {
      id: "openai:qwen@http://127.0.0.1:8080/v1",
      profile: "chatml",
      sampling: { temperature: 0, seed: 1 },
      serverModel: "qwen2-vl",
      kind: "openai",
      spec: "openai:qwen@http://127.0.0.1:8080/v1",
      placement: { baseUrl: "http://127.0.0.1:8080/v1" },
    };
    const described = run("/r/q", model.id, [record("a", 1)], (r) => ({
      ...r,
      model,
      environment: {
        ...r.environment,
        os: "linux",
        renderer: { fingerprint: "sha256:render", executable: "/opt/chrome" },
        dependencies: { parse5: "8.1.1", sharp: "0.35.5" },
      },
    }));
    const entry = buildLeaderboard([described], { tool: TOOL }).entries[0]!;
    expect(entry.id).toBe(model.id);
    expect(entry.provenance).toEqual({
      model,
      tool: { name: "web2code-eval", version: "0.0.0-test" },
      createdAt: "2026-01-02T03:04:05.000Z",
      environment: {
        node: "v20",
        chrome: "Chrome/1",
        renderer: { fingerprint: "sha256:render" },
        dependencies: { parse5: "8.1.1", sharp: "0.35.5" },
      },
    });
    // A run that recorded no renderer: none is made up.
    expect(board.entries[0]!.provenance.environment).toEqual({ node: "v20", chrome: "Chrome/1" });
  });

  it("is valid against the shipped JSON Schema, and the schema catches a broken file", () => {
    const validate = leaderboardValidator();
    expect(validate(JSON.parse(JSON.stringify(board))), JSON.stringify(validate.errors)).toBe(true);
    const { entries: _entries, ...withoutEntries } = board;
    expect(validate(withoutEntries)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: "required", params: { missingProperty: "entries" } });
    expect(validate({ ...board, schemaVersion: 2 })).toBe(false);
    expect(validate({ ...board, extra: true })).toBe(false);
    const entry = board.entries[0]!;
    expect(validate({ ...board, entries: [{ ...entry, aggregates: { tree_bleu: { mean: 0.5 } } }] })).toBe(false);
    expect(validate({ ...board, entries: [{ ...entry, date: "yesterday" }] })).toBe(false);
  });

  it("refuses runs on different datasets, naming both runs and fingerprints", () => {
    const other = run("/runs/other", "other", [record("a", 1)], (r) => ({ ...r, dataset: { ...r.dataset, fingerprint: "sha256:ffff" } }));
    expect(() => buildLeaderboard([alpha(), other], { tool: TOOL })).toThrow(RunInputError);
    expect(() => buildLeaderboard([alpha(), other], { tool: TOOL })).toThrow(
      "/runs/alpha and /runs/other were scored on different datasets (fixture sha256:0123456789abcdef0123456789abcdef vs fixture sha256:ffff)",
    );
  });

  it("refuses runs of different tasks", () => {
    const text = run("/runs/text", "text", [record("a", 1)], (r) => ({ ...r, task: "text2html" }));
    expect(() => buildLeaderboard([alpha(), text], { tool: TOOL })).toThrow(
      /^\/runs\/alpha and \/runs\/text ran different tasks \(image2html vs text2html\)/,
    );
  });

  it("refuses two runs of one model", () => {
    const again = run("/runs/alpha-2", "alpha", [record("a", 1)]);
    expect(() => buildLeaderboard([alpha(), beta(), again], { tool: TOOL })).toThrow(
      "/runs/alpha and /runs/alpha-2 are both runs of model alpha",
    );
  });

  it("refuses a metric scored at two versions, and no runs at all", () => {
    const bumped = run("/runs/new", "new", [record("a", 1)], (r) => ({
      ...r,
      metrics: { ...r.metrics, tree_bleu: { ...r.metrics.tree_bleu!, version: 99 } },
    }));
    expect(() => buildLeaderboard([alpha(), bumped], { tool: TOOL })).toThrow(/scored tree_bleu at different versions \(\d+ vs 99\)/);
    expect(() => buildLeaderboard([], { tool: TOOL })).toThrow(RunInputError);
  });

  it("refuses a run whose createdAt is not a date, naming its results.json", () => {
    const undated = run("/runs/undated", "undated", [record("a", 1)], (r) => ({ ...r, createdAt: "last tuesday" }));
    expect(() => buildLeaderboard([undated], { tool: TOOL })).toThrow(
      '/runs/undated/results.json: field createdAt: not a date ("last tuesday")',
    );
  });
});

describe("the leaderboard schema file", () => {
  it("sits in the package's schemas/ folder, which the package ships", () => {
    expect(existsSync(LEADERBOARD_SCHEMA_PATH)).toBe(true);
    expect(LEADERBOARD_SCHEMA_PATH.replace(/\\/g, "/")).toMatch(/\/schemas\/leaderboard\.schema\.json$/);
    const schema = JSON.parse(readFileSync(LEADERBOARD_SCHEMA_PATH, "utf8")) as { $id: string; $schema: string };
    expect(schema.$id).toBe(LEADERBOARD_SCHEMA_ID);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { files: string[] };
    expect(manifest.files).toContain("schemas");
  });
});
