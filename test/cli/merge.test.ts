import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";

const LIMIT = 7;

function lines(dir: string): Array<Record<string, unknown>> {
  return readFileSync(join(dir, "samples.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A samples.jsonl line without its timings, which no two runs share. */
function withoutTimings({ ms: _ms, ...line }: Record<string, unknown>): Record<string, unknown> {
  return line;
}

function results(dir: string) {
  return JSON.parse(readFileSync(join(dir, "results.json"), "utf8"));
}

describe("merge: run --shard i/N on three machines, then merge", () => {
  const root = tempDir("w2c-merge-cli-");
  const unsharded = join(root, "unsharded");
  const shards = [1, 2, 3].map((k) => join(root, `shard-${k}`));
  const blankShard3 = join(root, "blank-shard-3");

  beforeAll(async () => {
    // Separate caches, so that no sample of either side comes from a render the other made.
    const run = (args: string[]) =>
      runCli(["run", "--dataset", "mini", "--limit", String(LIMIT), "--quiet", ...args], {
        env: { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") },
      });
    const done = await Promise.all([
      run(["--model", "boxes", "--out", unsharded]),
      ...shards.map((out, i) => run(["--model", "boxes", "--shard", `${i + 1}/3`, "--out", out])),
      run(["--model", "blank", "--shard", "3/3", "--out", blankShard3]),
    ]);
    for (const result of done) expect([result.code, result.stderr]).toEqual([0, ""]);
  }, 300_000);

  it("writes the run the unsharded run would have written", async () => {
    const out = join(root, "merged");
    const result = await runCli(["merge", shards[1]!, shards[2]!, shards[0]!, "--out", out, "--json", "--quiet"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(JSON.parse(result.stdout)).toMatchObject({ run: out, model: "boxes", shards: 3, samples: { total: LIMIT, scored: LIMIT } });

    const merged = results(out);
    const whole = results(unsharded);
    for (const field of [
      "schemaVersion",
      "tool",
      "task",
      "model",
      "dataset",
      "selection",
      "metrics",
      "aggregation",
      "aggregates",
      "failures",
      "generation",
    ]) {
      expect([field, merged[field]]).toEqual([field, whole[field]]);
    }
    expect(merged.selection).toEqual({ limit: LIMIT });
    expect(merged.environment.renderer.fingerprint).toBe(whole.environment.renderer.fingerprint);
    const parts = shards.map(results);
    expect(merged.timing.mergedFrom).toBe(3);
    expect(merged.timing.totalMs).toBeCloseTo(
      parts.reduce((sum, r) => sum + r.timing.totalMs, 0),
      2,
    );
    expect(merged.createdAt).toBe(parts.map((r) => r.createdAt as string).sort()[0]);
    expect(merged.merged.shards.map((s: { index: number; run: string }) => [s.index, s.run])).toEqual(shards.map((dir, i) => [i + 1, dir]));

    const mergedLines = lines(out);
    expect(mergedLines.map(withoutTimings)).toEqual(lines(unsharded).map(withoutTimings));
    const ids = mergedLines.map((line) => line.id as string);
    expect(ids).toHaveLength(LIMIT);
    expect(readdirSync(join(out, "predictions")).sort()).toEqual(ids.map((id) => `${id}.html`).sort());
    for (const folder of ["renders", "reference-renders"]) {
      expect(readdirSync(join(out, folder)).sort()).toEqual(ids.map((id) => `${id}.png`).sort());
    }
    for (const id of ids) {
      expect(readFileSync(join(out, "predictions", `${id}.html`))).toEqual(readFileSync(join(unsharded, "predictions", `${id}.html`)));
      expect(readFileSync(join(out, "renders", `${id}.png`))).toEqual(readFileSync(join(unsharded, "renders", `${id}.png`)));
      expect(readFileSync(join(out, "reference-renders", `${id}.png`))).toEqual(
        readFileSync(join(unsharded, "reference-renders", `${id}.png`)),
      );
    }
    expect(readFileSync(join(out, "summary.md"), "utf8")).toContain(`# boxes on mini\n\n${LIMIT} samples, ${LIMIT} scored; failures: `);

    // Every reader takes it as a run: no regression against the unsharded run.
    const compared = await runCli(["compare", "--baseline", unsharded, "--current", out]);
    expect([compared.code, compared.stderr]).toEqual([0, ""]);
  });

  it("refuses, exit 2 with one line and nothing written: a missing shard, a shard twice, other models, other datasets, not a shard", async () => {
    const otherDataset = join(root, "other-dataset-3");
    cpSync(shards[2]!, otherDataset, { recursive: true });
    const changed = results(otherDataset);
    changed.dataset.fingerprint = "sha256:another";
    writeFileSync(join(otherDataset, "results.json"), JSON.stringify(changed));

    const cases: Array<[string[], string]> = [
      [[shards[0]!, shards[2]!], `cannot merge: shard 2/3 missing (given 1/3 ${shards[0]}, 3/3 ${shards[2]})`],
      [[shards[0]!, shards[1]!, shards[1]!, shards[2]!], `cannot merge: ${shards[1]} (shard 2/3) is given twice`],
      [[shards[0]!, shards[1]!, blankShard3], `cannot merge ${shards[0]} and ${blankShard3}: different model (id: "boxes" vs "blank")`],
      [[shards[0]!, shards[1]!, otherDataset], `cannot merge ${shards[0]} and ${otherDataset}: different dataset (fingerprint) (`],
      [[shards[0]!, unsharded], `${unsharded}: not a shard run (made without --shard i/N); merge joins the runs of run --shard i/N`],
    ];
    for (const [runs, message] of cases) {
      const out = join(root, "refused");
      const result = await runCli(["merge", ...runs, "--out", out]);
      expect([runs, result.code]).toEqual([runs, 2]);
      expect(result.stderr).toMatch(/^web2code-eval: [^\n]+\n$/);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe("");
      expect(existsSync(out)).toBe(false);
    }
  });

  it("refuses to write over one of its shards", async () => {
    const before = readFileSync(join(shards[0]!, "samples.jsonl"), "utf8");
    const result = await runCli(["merge", ...shards, "--out", shards[0]!]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`web2code-eval: ${shards[0]}: is the shard run ${shards[0]}; give merge another --out\n`);
    expect(readFileSync(join(shards[0]!, "samples.jsonl"), "utf8")).toBe(before);
    expect(readdirSync(join(shards[0]!, "predictions"))).toHaveLength(3);
  });

  it("has --help with examples", async () => {
    const result = await runCli(["merge", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: web2code-eval merge [options] <RUN...>");
    expect(result.stdout).toContain("$ web2code-eval merge shards/1 shards/2 shards/3 --out reports/boxes");
  });
});
