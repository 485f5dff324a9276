import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readRun, readRunState } from "../../src/results/index.js";
import { RunDirError, RunDirectory } from "../../src/runner/index.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";

/** Run folders written by version 0.1.0 of the tool (results schema 1), before the run format had one owner. */
const V1 = fileURLToPath(new URL("../fixtures/runs-v1/", import.meta.url));
const copy = (name: string) => {
  const dir = join(tempDir(), name);
  cpSync(join(V1, name), dir, { recursive: true });
  return dir;
};

describe("run folders written by version 1", () => {
  it("read as the current format: the model's placement apart, every sample line as written", () => {
    const run = readRun(join(V1, "boxes"));
    expect(run.results.schemaVersion).toBe(2);
    expect(run.results.model).toEqual({
      id: "boxes",
      kind: "boxes",
      spec: "boxes",
      sampling: {},
      version: 1,
      cell: 8,
      tolerance: 24,
      maxBoxes: 4000,
      placement: {},
    });
    const lines = readFileSync(join(V1, "boxes", "samples.jsonl"), "utf8")
      .trim()
      .split("\n");
    expect(run.records).toEqual(lines.map((line) => JSON.parse(line)));
  });

  it("are reported on and compared", async () => {
    const out = join(tempDir(), "report");
    const report = await runCli(["report", join(V1, "boxes"), join(V1, "blank"), "--out", out]);
    expect(report.code, report.stderr).toBe(0);
    expect(readFileSync(join(out, "report.md"), "utf8")).toMatch(/\| boxes \|/);
    const compare = await runCli(["compare", "--baseline", join(V1, "boxes"), "--current", join(V1, "blank")]);
    // blank is far worse than boxes on every pixel of these two pages: a regression, exit 100.
    expect(compare.code, compare.stderr).toBe(100);
    expect(compare.stdout).toMatch(/^\*\*Regression\*\* in /m);
    const leaderboard = await runCli(["leaderboard", join(V1, "boxes"), join(V1, "blank"), "--out", join(out, "board.json")]);
    expect(leaderboard.code, leaderboard.stderr).toBe(0);
  });

  it("merge as shards", async () => {
    const out = join(tempDir(), "merged");
    const merge = await runCli(["merge", join(V1, "shard-1"), join(V1, "shard-2"), "--out", out, "--quiet"]);
    expect(merge.code, merge.stderr).toBe(0);
    const merged = readRun(out);
    expect(merged.results.schemaVersion).toBe(2);
    // Round robin: shard 1 held the 1st and 3rd samples, shard 2 the 2nd.
    const [first, third] = readRun(join(V1, "shard-1")).records.map((r) => r.id);
    const [second] = readRun(join(V1, "shard-2")).records.map((r) => r.id);
    expect(merged.records.map((record) => record.id)).toEqual([first, second, third]);
    expect(merged.results.dataset.samples.total).toBe(3);
  });

  it("continue where they stopped when nothing that fixes the results changed", () => {
    const dir = copy("partial");
    // The run.json of version 1 held the model's whole description: it is read back as its identity.
    const state = readRunState(join(dir, "run.json"), RunDirError);
    expect(state.identity.model).toEqual({ id: "boxes", kind: "boxes", sampling: {}, version: 1, cell: 8, tolerance: 24, maxBoxes: 4000 });
    const { finished } = RunDirectory.resume(dir, state.identity);
    expect(finished.map((record) => record.id)).toEqual(["landing-saas"]);
  });

  it("are refused by a run of today's renderer, naming the renderer and not the model", async () => {
    const dir = copy("partial");
    const result = await runCli(["run", "--model", "boxes", "--limit", "3", "--out", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/holds a run with other .*renderer \("[0-9a-f]+" there, "[0-9a-f]+" now\)/);
    expect(result.stderr).not.toMatch(/other model|, model \(/);
  });
});
