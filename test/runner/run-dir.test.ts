import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SampleRecord } from "../../src/results/index.js";
import { checkOutputDir, RETRIED_ON_RESUME, RunDirError, RunDirectory } from "../../src/runner/index.js";
import { tempDir } from "../helpers/dataset.js";

function record(id: string): SampleRecord {
  return {
    id,
    status: "ok",
    metrics: {},
    stats: { pred: null, ref: { dom_depth: 1, tag_count: 1, unique_tags: 1 } },
    generation: { truncated: false },
    ms: { generate: 0, render: 0, decode: 0, metrics: {}, total: 0 },
  };
}

describe("checkOutputDir", () => {
  it("accepts a new folder, an empty one and an earlier run", () => {
    const root = tempDir();
    expect(() => checkOutputDir(join(root, "new", "deeper"))).not.toThrow();
    expect(() => checkOutputDir(root)).not.toThrow();
    writeFileSync(join(root, "results.json"), "{}");
    expect(() => checkOutputDir(root)).not.toThrow();
  });

  it("refuses a folder of other files, and a path under a file, writing nothing", () => {
    const root = tempDir();
    writeFileSync(join(root, "thesis.tex"), "");
    expect(() => checkOutputDir(root)).toThrow(RunDirError);
    expect(() => checkOutputDir(root)).toThrow(`${root}: folder is not empty and holds no earlier run; choose another --out`);
    const file = join(root, "thesis.tex");
    expect(() => checkOutputDir(join(file, "out"))).toThrow(`${file}: not a folder, cannot write ${join(file, "out")}`);
    expect(existsSync(join(file, "out"))).toBe(false);
  });

  it("leaves nothing of its write test behind", () => {
    const root = tempDir();
    checkOutputDir(join(root, "new"));
    checkOutputDir(root);
    expect(readdirSync(root)).toEqual([]);
  });

  it("refuses a link to nothing, and takes a dangling link inside a folder as another file, not a crash", () => {
    const root = tempDir();
    symlinkSync(join(root, "gone"), join(root, "out"));
    expect(() => checkOutputDir(join(root, "out", "run"))).toThrow(
      new RunDirError(`${join(root, "out")}: a link that leads nowhere (ENOENT), cannot write ${join(root, "out", "run")}`),
    );
    expect(() => checkOutputDir(root)).toThrow(
      new RunDirError(`${root}: folder is not empty and holds no earlier run; choose another --out`),
    );
  });

  it("accepts a parent holding earlier runs of several models", () => {
    const root = tempDir();
    mkdirSync(join(root, "boxes"));
    writeFileSync(join(root, "boxes", "samples.jsonl"), "");
    expect(() => checkOutputDir(root)).not.toThrow();
  });
});

describe("RunDirectory", () => {
  it("appends samples as they finish and puts them in dataset order at the end", () => {
    const dir = RunDirectory.create(join(tempDir(), "run"));
    for (const id of ["c", "a", "b"]) dir.appendSample(record(id));
    expect(
      readFileSync(dir.samplesFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l).id),
    ).toEqual(["c", "a", "b"]);
    expect(dir.orderSamples(["a", "b", "c"]).map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(
      readFileSync(dir.samplesFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l).id),
    ).toEqual(["a", "b", "c"]);
  });

  it("clears an earlier run's files and nothing else", () => {
    const path = join(tempDir(), "run");
    const first = RunDirectory.create(path);
    first.appendSample(record("a"));
    first.writePrediction("a", "<p>");
    first.writeRender("a", Buffer.from("pred png"));
    first.writeReferenceRender("a", Buffer.from("ref png"));
    first.writeState("a", 2, Buffer.from("state png"));
    writeFileSync(join(path, "notes.txt"), "keep");
    RunDirectory.create(path);
    expect(readFileSync(join(path, "samples.jsonl"), "utf8")).toBe("");
    for (const file of ["predictions/a.html", "renders/a.png", "reference-renders/a.png", "states/a"])
      expect(existsSync(join(path, file))).toBe(false);
    expect(readdirSync(path).sort()).toEqual([
      "logs",
      "notes.txt",
      "predictions",
      "reference-renders",
      "renders",
      "run.json",
      "samples.jsonl",
      "states",
    ]);
    expect(readFileSync(join(path, "notes.txt"), "utf8")).toBe("keep");
  });

  it("keeps both pages' renders beside the prediction, each in its folder", () => {
    const dir = RunDirectory.create(join(tempDir(), "run"));
    dir.writeRender("a", Buffer.from("pred png"));
    dir.writeReferenceRender("a", Buffer.from("ref png"));
    expect(readFileSync(join(dir.path, "renders", "a.png"), "utf8")).toBe("pred png");
    expect(readFileSync(join(dir.path, "reference-renders", "a.png"), "utf8")).toBe("ref png");
  });
});

describe("RunDirectory.resume", () => {
  const identity = { dataset: "sha256:d", model: { id: "boxes" }, selection: { limit: null } };

  it("keeps the finished samples of a run of the same identity and drops a line a kill cut short", () => {
    const path = join(tempDir(), "run");
    const first = RunDirectory.create(path, identity);
    first.appendSample(record("a"));
    first.appendSample(record("b"));
    writeFileSync(join(path, "samples.jsonl"), readFileSync(join(path, "samples.jsonl"), "utf8") + '{"id":"c","sta');
    writeFileSync(join(path, "results.json"), "{}");
    // A folder whose run began before reference renders were kept gets their folder when continued.
    rmSync(join(path, "reference-renders"), { recursive: true });
    const { finished, dir } = RunDirectory.resume(path, identity);
    expect(finished.map((r) => r.id)).toEqual(["a", "b"]);
    dir.writeReferenceRender("c", Buffer.from("ref png"));
    expect(readFileSync(join(path, "samples.jsonl"), "utf8").split("\n").filter(Boolean)).toHaveLength(2);
    // The finished run's results are made again at the end, from every sample.
    expect(existsSync(join(path, "results.json"))).toBe(false);
  });

  it("takes a retried sample's last line, keeping the earlier one until the run is put in order", () => {
    const path = join(tempDir(), "run");
    const dir = RunDirectory.create(path, identity);
    const failed: SampleRecord = { ...record("a"), status: "generation_error", error: "HTTP 500", attempts: 1 };
    dir.appendSample(failed);
    dir.appendSample(record("b"));
    // A continued run retried a: its new line follows the old one, which stayed on disk until then.
    const retried: SampleRecord = { ...record("a"), attempts: 2 };
    dir.appendSample(retried);
    const lines = () =>
      readFileSync(dir.samplesFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as SampleRecord);
    expect(lines()).toEqual([failed, record("b"), retried]);
    expect(RunDirectory.resume(path, identity).finished).toEqual([retried, record("b")]);
    expect(dir.orderSamples(["a", "b"])).toEqual([retried, record("b")]);
    expect(lines()).toEqual([retried, record("b")]);
  });

  it("retries on resume the failures that may pass, and keeps those the model's output makes", () => {
    expect([...RETRIED_ON_RESUME].sort()).toEqual([
      "generation_error",
      "generation_timeout",
      "reference_render_error",
      "render_error",
      "scoring_error",
    ]);
  });

  it("starts a run where there is none", () => {
    const path = join(tempDir(), "new");
    expect(RunDirectory.resume(path, identity).finished).toEqual([]);
    expect(JSON.parse(readFileSync(join(path, "run.json"), "utf8")).identity).toEqual(identity);
  });

  it("refuses a run of another identity, naming what differs", () => {
    const path = join(tempDir(), "run");
    RunDirectory.create(path, identity);
    expect(() => RunDirectory.resume(path, { ...identity, model: { id: "blank" }, selection: { limit: 5 } })).toThrow(
      new RunDirError(
        `${path} holds a run with other model (id: "boxes" there, "blank" now), selection (limit: null there, 5 now): ` +
          `use --fresh to start it over, or another --out`,
      ),
    );
  });

  const files = (path: string) => Object.fromEntries(readdirSync(path).map((name) => [name, existsSync(join(path, name))]));

  it.each([
    ["an empty object", "{}", "field identity: Invalid input: expected record, received undefined"],
    ["null", "null", "Invalid input: expected object, received null"],
    [
      "an identity that is a list",
      JSON.stringify({ identity: [], startedAt: "2026-01-01T00:00:00Z" }),
      "field identity: Invalid input: expected record, received array",
    ],
    ["a start that is no date", JSON.stringify({ identity, startedAt: "yesterday" }), "field startedAt: Invalid ISO datetime"],
  ])("refuses a run.json holding %s, changing nothing", (_name, content, problem) => {
    const path = join(tempDir(), "run");
    RunDirectory.create(path, identity).appendSample(record("a"));
    writeFileSync(join(path, "run.json"), content);
    rmSync(join(path, "predictions"), { recursive: true });
    const before = files(path);
    expect(() => RunDirectory.resume(path, identity)).toThrow(
      new RunDirError(`${join(path, "run.json")}: ${problem}; use --fresh to start over`),
    );
    expect(files(path)).toEqual(before);
  });

  it("refuses a samples.jsonl with a broken line before the last, naming the line, changing nothing", () => {
    const path = join(tempDir(), "run");
    const dir = RunDirectory.create(path, identity);
    dir.appendSample(record("a"));
    writeFileSync(dir.samplesFile, `${readFileSync(dir.samplesFile, "utf8")}{"id":\n${JSON.stringify(record("c"))}\nnull\n`);
    const text = readFileSync(dir.samplesFile, "utf8");
    rmSync(join(path, "predictions"), { recursive: true });
    expect(() => RunDirectory.resume(path, identity)).toThrow(
      new RunDirError(`${dir.samplesFile}:2: not valid JSON (Unexpected end of JSON input); use --fresh to start over`),
    );
    expect(readFileSync(dir.samplesFile, "utf8")).toBe(text);
    expect(existsSync(join(path, "predictions"))).toBe(false);
    writeFileSync(dir.samplesFile, `${JSON.stringify(record("a"))}\nnull\n`);
    expect(() => RunDirectory.resume(path, identity)).toThrow(`${dir.samplesFile}:2: Invalid input: expected object, received null`);
  });

  it("refuses a samples.jsonl that is a folder", () => {
    const path = join(tempDir(), "run");
    RunDirectory.create(path, identity);
    rmSync(join(path, "samples.jsonl"));
    mkdirSync(join(path, "samples.jsonl"));
    expect(() => RunDirectory.resume(path, identity)).toThrow(
      new RunDirError(`${path}: cannot continue the run (a folder stands where a file should be, EISDIR); use --fresh to start over`),
    );
  });
});
