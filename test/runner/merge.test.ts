import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/datasets/index.js";
import { buildResults, readRun, readSampleLines, writeSampleLines, type LoadedRun, type SampleRecord } from "../../src/results/index.js";
import {
  checkMergeOutput,
  MergeError,
  planMerge,
  positionInRun,
  selectSamples,
  shardSize,
  writeMergedRun,
} from "../../src/runner/index.js";
import { tempDir } from "../helpers/dataset.js";
import { record, writeShardRun, type ShardRunOptions } from "../helpers/runs.js";

const IDS = ["a", "b", "c", "d", "e", "f", "g"];

/** Seven samples with distinct scores, one failed, and per-stage times beyond `total`. */
function allRecords(): SampleRecord[] {
  return IDS.map((id, i) => ({
    ...(id === "e" ? record(id, null, "generation_error") : record(id, (i + 1) / 10)),
    ms: { total: 100 + i, generate: 10 * i, render: 1, decode: 0, metrics: {} },
  }));
}

/** The records shard `index` of `count` takes, in dataset order, as the runner selects them. */
function shardRecords(records: SampleRecord[], index: number, count: number): SampleRecord[] {
  const samples = records.map((r) => ({ id: r.id })) as unknown as Parameters<typeof selectSamples>[0];
  const chosen = new Set(selectSamples(samples, { shard: { index, count } }).map((s) => s.id));
  return records.filter((r) => chosen.has(r.id));
}

/** Writes the shards 1..count of the seven samples (each with `options(index)`), returns their folders. */
function writeShards(count = 3, options: (index: number) => ShardRunOptions = () => ({})): string[] {
  const root = tempDir("w2c-merge-");
  return Array.from({ length: count }, (_, i) =>
    writeShardRun(join(root, `shard-${i + 1}`), shardRecords(allRecords(), i + 1, count), {
      shard: { index: i + 1, count },
      limit: 7,
      createdAt: `2026-01-0${3 - Math.min(i, 2)}T00:00:00Z`,
      totalMs: 1000 * (i + 1),
      ...options(i + 1),
    }),
  );
}

function load(dir: string): LoadedRun {
  return readRun(dir);
}

function refusal(dirs: string[]): string {
  try {
    planMerge(dirs.map(load));
  } catch (error) {
    expect(error).toBeInstanceOf(MergeError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error("expected the merge to be refused");
}

describe("shardSize and positionInRun", () => {
  it("give every selected position to exactly one shard", () => {
    for (const total of [0, 1, 2, 7, 10]) {
      for (const count of [1, 2, 3, 8]) {
        const positions = Array.from({ length: count }, (_, i) =>
          Array.from({ length: shardSize(total, { index: i + 1, count }) }, (_, j) => positionInRun({ index: i + 1, count }, j)),
        ).flat();
        expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, p) => p));
      }
    }
    expect([1, 2, 3].map((index) => shardSize(7, { index, count: 3 }))).toEqual([3, 2, 2]);
  });
});

describe("planMerge", () => {
  it("joins the shards, given in any order, into the unsharded run's records and results", () => {
    const dirs = writeShards();
    const merged = planMerge([dirs[2]!, dirs[0]!, dirs[1]!].map(load));
    expect(merged.records.map((r) => r.id)).toEqual(IDS);
    // Every field of every line is kept, per-stage times included.
    expect(merged.records).toEqual(allRecords());
    expect(merged.shards.map((s) => s.shard.index)).toEqual([1, 2, 3]);
    expect(merged.results.selection).toEqual({ limit: 7 });
    expect(merged.results.timing.totalMs).toBe(6000);
    expect(merged.results.timing.mergedFrom).toBe(3);
    expect(merged.results.createdAt).toBe("2026-01-01T00:00:00.000Z");
    expect(merged.results.dataset.samples).toEqual({ total: 7, scored: 6 });
    expect(merged.checkedAgainstDataset).toBe(false);
    expect(merged.results.merged!.shards.map((p) => [p.index, p.count, p.samples, p.totalMs])).toEqual([
      [1, 3, 3, 1000],
      [2, 3, 2, 2000],
      [3, 3, 2, 3000],
    ]);

    // The merged results are those of the unsharded run, with the shards listed.
    const { tool, task, model, environment, dataset } = merged.results;
    const { samples: _samples, ...datasetRecord } = dataset;
    const unsharded = buildResults({
      metrics: merged.results.metrics,
      tool,
      task,
      model,
      environment,
      dataset: datasetRecord,
      createdAt: new Date(merged.results.createdAt),
      records: allRecords(),
      selection: { limit: 7 },
      totalMs: 6000,
      merged: merged.results.merged!.shards,
    });
    expect(merged.results).toEqual(unsharded);
    expect(merged.results.failures).toEqual({ generation_error: 1 });
    expect(merged.results.timing.stagesMs).toEqual({ total: 721, generate: 210, render: 7, decode: 0, metrics: {} });
  });

  it("merges a single shard 1/1 and shards of a run with no --limit", () => {
    const [only] = writeShards(1, () => ({ limit: undefined }));
    const merged = planMerge([load(only!)]);
    expect(merged.records.map((r) => r.id)).toEqual(IDS);
    expect(merged.results).not.toHaveProperty("selection");
  });

  it("checks the ids against the dataset's selection when it has the dataset", () => {
    const dirs = writeShards();
    const fingerprint = load(dirs[0]!).results.dataset.fingerprint;
    const dataset = (ids: string[], print = fingerprint) =>
      ({ fingerprint: print, root: "/here/fixture", samples: ids.map((id) => ({ id })) }) as unknown as Dataset;
    const merged = planMerge(dirs.map(load), { dataset: dataset([...IDS, "h", "i"]) });
    expect(merged.checkedAgainstDataset).toBe(true);
    expect(merged.results.dataset.root).toBe("/here/fixture");
    expect(() => planMerge(dirs.map(load), { dataset: dataset(["a", "c", "b", "d", "e", "f", "g"]) })).toThrow(
      'cannot merge: sample 2 of the shards is "b", but of the first 7 samples (--limit 7) of /here/fixture it is "c"',
    );
    expect(() => planMerge(dirs.map(load), { dataset: dataset(IDS, "sha256:other") })).toThrow(MergeError);
    expect(() => planMerge(dirs.map(load), { dataset: dataset(IDS.slice(0, 6)) })).toThrow(
      "cannot merge: the shards hold 7 samples, but the first 6 samples (--limit 7) of /here/fixture were selected",
    );
  });

  it("refuses a run made without --shard", () => {
    const dirs = writeShards();
    const plain = writeShardRun(join(tempDir(), "plain"), allRecords(), { limit: 7 });
    expect(refusal([dirs[0]!, plain])).toBe(
      `${plain}: not a shard run (made without --shard i/N); merge joins the runs of run --shard i/N`,
    );
  });

  it("refuses shards of different splits, a repeated shard and missing shards", () => {
    const three = writeShards(3);
    const two = writeShards(2);
    expect(refusal([three[0]!, two[1]!])).toBe(
      `cannot merge ${three[0]} (shard 1/3) and ${two[1]} (shard 2/2): shards of different splits`,
    );
    expect(refusal([three[0]!, three[1]!, three[1]!, three[2]!])).toBe(`cannot merge: ${three[1]} (shard 2/3) is given twice`);
    const copy = join(tempDir(), "copy-of-2");
    cpSync(three[1]!, copy, { recursive: true });
    expect(refusal([three[0]!, three[1]!, copy, three[2]!])).toBe(`cannot merge: ${three[1]} and ${copy} are both shard 2/3`);
    expect(refusal([three[0]!, three[2]!])).toBe(`cannot merge: shard 2/3 missing (given 1/3 ${three[0]}, 3/3 ${three[2]})`);
    expect(refusal([three[1]!])).toBe(`cannot merge: shards 1/3, 3/3 missing (given 2/3 ${three[1]})`);
  });

  it("refuses shards of different runs, naming both and what differs", () => {
    const cases: Array<[ShardRunOptions, string]> = [
      [
        { fingerprint: "sha256:another" },
        'different dataset (fingerprint) ("sha256:0123456789abcdef0123456789abcdef" vs "sha256:another")',
      ],
      [{ task: "text2html" }, 'different task ("image2html" vs "text2html")'],
      [{ toolVersion: "9.9.9" }, 'different tool (version: "0.0.0-test" vs "9.9.9")'],
      [{ limit: 8 }, "different --limit (7 vs 8)"],
      [{ model: { id: "other-model" } }, 'different model (id: "fixture-model" vs "other-model")'],
      [{ model: { sampling: { temperature: 0.7 } } }, "different model (sampling.temperature: absent vs 0.7)"],
      [{ model: { profile: { name: "chatml", templateSha256: "x" } } }, "different model (profile: absent vs "],
      [{ environment: { renderer: { fingerprint: "renderer-2" } } }, 'different renderer (fingerprint) ("renderer-1" vs "renderer-2")'],
      [{ environment: { dependencies: { pixelmatch: "8.0.0" } } }, 'different scoring dependencies (pixelmatch: "7.2.0" vs "8.0.0")'],
    ];
    for (const [options, difference] of cases) {
      const dirs = writeShards(3, (index) => (index === 3 ? options : {}));
      expect(refusal(dirs)).toContain(`cannot merge ${dirs[0]} and ${dirs[2]}: ${difference}`);
    }
  });

  it("refuses shards whose metric versions differ", () => {
    const dirs = writeShards();
    const file = join(dirs[1]!, "results.json");
    const results = JSON.parse(readFileSync(file, "utf8"));
    results.metrics.pixel_similarity.version += 1;
    writeFileSync(file, JSON.stringify(results));
    expect(refusal(dirs)).toMatch(
      new RegExp(
        `^cannot merge ${dirs[0]} and ${dirs[1]}: different metrics \\(versions\\) \\(pixel_similarity\\.version: \\d+ vs \\d+\\)$`,
      ),
    );
  });

  it("accepts shards that differ only in their placement: endpoint, server binary and log, slots, weight paths", () => {
    const model = (index: number) => ({
      id: "openai-crystalchat",
      kind: "openai",
      model: "crystalchat",
      spec: `openai:crystalchat@http://gpu-${index}:8000/v1?temperature=0`,
      sampling: { temperature: 0 },
      placement: { baseUrl: `http://gpu-${index}:8000/v1` },
    });
    expect(planMerge(writeShards(3, (index) => ({ model: model(index) })).map(load)).results.model.placement).toEqual({
      baseUrl: "http://gpu-1:8000/v1",
    });

    const served = (index: number, sha256 = "abc", build = "b5000") => ({
      id: "llama-server-m",
      kind: "llama-server",
      spec: `llama-server:/machine-${index}/m.gguf?ngl=all`,
      server: { build, contextPerSlot: 4096 },
      weights: { sha256 },
      placement: {
        server: { binary: `/m${index}/llama-server`, from: "PATH", slots: index * 4, log: `/runs/${index}/logs/llama-server.log` },
        weights: { path: `/machine-${index}/m.gguf` },
      },
    });
    const merged = planMerge(
      writeShards(3, (index) => ({ model: served(index), environment: { node: `v20.${index}`, os: `host ${index}` } })).map(load),
    );
    expect(merged.results.merged!.shards[1]!.placement).toEqual({
      server: { binary: "/m2/llama-server", from: "PATH", log: "/runs/2/logs/llama-server.log", slots: 8 },
      weights: { path: "/machine-2/m.gguf" },
    });
    expect(merged.results.merged!.shards[2]!.environment).toMatchObject({ node: "v20.3", os: "host 3" });

    const dirs = writeShards(3, (index) => ({ model: served(index, index === 2 ? "def" : "abc") }));
    expect(refusal(dirs)).toBe(`cannot merge ${dirs[0]} and ${dirs[1]}: different model (weights.sha256: "abc" vs "def")`);
    const builds = writeShards(3, (index) => ({ model: served(index, "abc", index === 3 ? "b6000" : "b5000") }));
    expect(refusal(builds)).toBe(`cannot merge ${builds[0]} and ${builds[2]}: different model (server.build: "b5000" vs "b6000")`);
  });

  it("merges shards written by version 1, whose models kept their placement among their other fields", () => {
    const v1 = (index: number, sha256 = "abc") => ({
      id: "llama-server-m",
      kind: "llama-server",
      spec: `llama-server:/machine-${index}/m.gguf`,
      server: {
        binary: `/m${index}/llama-server`,
        from: "PATH",
        build: "b5000",
        slots: index,
        contextPerSlot: 4096,
        log: `/r${index}.log`,
      },
      weights: { path: `/machine-${index}/m.gguf`, sha256 },
    });
    const asVersion1 = (dirs: string[]) => {
      for (const [i, dir] of dirs.entries()) {
        const file = join(dir, "results.json");
        const results = JSON.parse(readFileSync(file, "utf8"));
        writeFileSync(file, JSON.stringify({ ...results, schemaVersion: 1, model: v1(i + 1, i === 2 ? "def" : "abc") }));
      }
      return dirs;
    };
    const [one, two] = asVersion1(writeShards(2));
    expect(planMerge([one!, two!].map(load)).results.merged!.shards[1]!.placement).toEqual({
      server: { binary: "/m2/llama-server", from: "PATH", slots: 2, log: "/r2.log" },
      weights: { path: "/machine-2/m.gguf" },
    });
    const three = asVersion1(writeShards(3));
    expect(refusal(three)).toBe(`cannot merge ${three[0]} and ${three[2]}: different model (weights.sha256: "abc" vs "def")`);
  });

  it("refuses a shard whose size does not fit its index, and a sample held twice", () => {
    const dirs = writeShards();
    const short = writeShardRun(join(tempDir(), "short"), shardRecords(allRecords(), 2, 3).slice(0, 1), {
      shard: { index: 2, count: 3 },
      limit: 7,
    });
    expect(refusal([dirs[0]!, short, dirs[2]!])).toBe(
      `cannot merge: ${dirs[0]} (shard 1/3) holds 3 samples, but shard 1 of a 6-sample run split in 3 holds 2`,
    );
    const twice = writeShardRun(join(tempDir(), "twice"), [allRecords()[0]!, allRecords()[4]!], {
      shard: { index: 2, count: 3 },
      limit: 7,
    });
    expect(refusal([dirs[0]!, twice, dirs[2]!])).toBe(`cannot merge: sample "a" is in both ${dirs[0]} and ${twice}`);
    const over = writeShards(3, () => ({ limit: 5 }));
    expect(refusal(over)).toBe(`cannot merge: the shards hold 7 samples, more than their --limit 5 (${over.join(", ")})`);
  });
});

describe("writeMergedRun and checkMergeOutput", () => {
  it("writes samples.jsonl in dataset order, copies every prediction and both pages' renders, and the given files", () => {
    const dirs = writeShards();
    const merged = planMerge(dirs.map(load));
    const out = join(tempDir(), "merged");
    writeMergedRun(merged, out);
    expect(readSampleLines(join(out, "samples.jsonl"))).toEqual(allRecords());
    const okIds = IDS.filter((id) => id !== "e");
    expect(readdirSync(join(out, "predictions")).sort()).toEqual(okIds.map((id) => `${id}.html`));
    expect(readdirSync(join(out, "renders")).sort()).toEqual(okIds.map((id) => `${id}.png`));
    expect(readFileSync(join(out, "renders", "g.png"), "utf8")).toBe("png of g");
    expect(readdirSync(join(out, "reference-renders")).sort()).toEqual(okIds.map((id) => `${id}.png`));
    expect(readFileSync(join(out, "reference-renders", "g.png"), "utf8")).toBe("reference png of g");
    expect(readFileSync(join(out, "summary.md"), "utf8")).toMatch(/^# fixture-model on fixture\n/);
    expect(readRun(out).results).toEqual(merged.results);
    expect(readdirSync(out).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    // Copies, not links: a shard re-run in place leaves the merged run as it was.
    expect(statSync(join(out, "predictions", "a.html")).nlink).toBe(1);
    writeFileSync(join(dirs[0]!, "predictions", "a.html"), "changed");
    expect(readFileSync(join(out, "predictions", "a.html"), "utf8")).toBe("<p>a</p>");
  });

  it("copies an interaction run's states, each page's folder of them", () => {
    const dirs = writeShards();
    // Shard 1 of 3 holds a, d and g: a gets an interaction and its state, as an interaction run writes them.
    const shard = dirs[0]!;
    const lines = readSampleLines(join(shard, "samples.jsonl")).map((line) =>
      line.id === "a"
        ? {
            ...line,
            interactions: [
              { index: 2, action: "click" as const, outcome: "changed" as const, tagTypes: [], visualTypes: [], changed: {}, metrics: {} },
            ],
          }
        : line,
    );
    writeSampleLines(join(shard, "samples.jsonl"), lines);
    mkdirSync(join(shard, "states", "a"), { recursive: true });
    writeFileSync(join(shard, "states", "a", "2.png"), "state 2 of a");
    const out = join(tempDir(), "merged");
    writeMergedRun(planMerge(dirs.map(load)), out);
    expect(readFileSync(join(out, "states", "a", "2.png"), "utf8")).toBe("state 2 of a");
    expect(readdirSync(join(out, "states"))).toEqual(["a"]);
  });

  it("merges shards made before reference renders were kept: a run without them", () => {
    const dirs = writeShards();
    for (const dir of dirs) rmSync(join(dir, "reference-renders"), { recursive: true });
    const out = join(tempDir(), "merged");
    writeMergedRun(planMerge(dirs.map(load)), out);
    expect(readdirSync(join(out, "renders"))).toHaveLength(6);
    expect(readdirSync(join(out, "reference-renders"))).toEqual([]);
  });

  it("replaces an earlier merge in the same folder", () => {
    const dirs = writeShards();
    const out = join(tempDir(), "merged");
    writeMergedRun(planMerge(dirs.map(load)), out);
    writeFileSync(join(out, "predictions", "stale.html"), "old");
    writeMergedRun(planMerge(dirs.map(load)), out);
    expect(existsSync(join(out, "predictions", "stale.html"))).toBe(false);
  });

  it("refuses an --out that is one of the shards", () => {
    const dirs = writeShards();
    expect(() =>
      checkMergeOutput(
        join(dirs[1]!, "."),
        dirs.map((dir) => ({ dir })),
      ),
    ).toThrow(`${dirs[1]}: is the shard run ${dirs[1]}; give merge another --out`);
    expect(() =>
      checkMergeOutput(
        join(dirs[1]!, "merged"),
        dirs.map((dir) => ({ dir })),
      ),
    ).not.toThrow();
  });
});
