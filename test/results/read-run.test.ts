import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRun, RunInputError } from "../../src/results/index.js";
import { tempDir } from "../helpers/dataset.js";
import { record, results } from "../helpers/runs.js";

function writeRun(records: ReturnType<typeof record>[], lines = records.map((r) => JSON.stringify(r))): string {
  const dir = tempDir();
  writeFileSync(join(dir, "results.json"), JSON.stringify(results("m", records)));
  writeFileSync(join(dir, "samples.jsonl"), lines.join("\n") + "\n");
  return dir;
}

describe("readRun", () => {
  it("reads a run from its folder or its results.json", () => {
    const dir = writeRun([record("a", 1), record("b", null)]);
    const run = readRun(dir);
    expect(run.dir).toBe(dir);
    expect(run.records.map((r) => [r.id, r.status])).toEqual([
      ["a", "ok"],
      ["b", "render_error"],
    ]);
    expect(readRun(join(dir, "results.json")).results.model.id).toBe("m");
  });

  it.each([
    ["a missing folder", () => "/nonexistent/run", /^\/nonexistent\/run: no such run folder or results\.json$/],
    [
      "a folder without results.json",
      () => {
        const dir = tempDir();
        mkdirSync(join(dir, "x"));
        return dir;
      },
      /: no results\.json \(not a finished run\)$/,
    ],
    [
      "a results.json of the wrong shape",
      () => {
        const dir = tempDir();
        writeFileSync(join(dir, "results.json"), "{}");
        return dir;
      },
      /results\.json: field schemaVersion: .+$/,
    ],
    ["a bad samples.jsonl line", () => writeRun([record("a", 1)], ["{ nope"]), /samples\.jsonl:1: not valid JSON/],
    ["a sample missing a field", () => writeRun([record("a", 1)], [JSON.stringify({ id: "a" })]), /samples\.jsonl:1: field status: .+$/],
    [
      "fewer samples than results.json counts",
      () => writeRun([record("a", 1), record("b", 1)], [JSON.stringify(record("a", 1))]),
      /samples\.jsonl: 1 samples, but results\.json counts 2$/,
    ],
  ])("names the file for %s", (_name, make, message) => {
    const path = make();
    expect(() => readRun(path)).toThrow(RunInputError);
    expect(() => readRun(path)).toThrow(message);
  });
});
