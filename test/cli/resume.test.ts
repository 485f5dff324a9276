import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, TSX_LOADER } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };

function lines(dir: string): Array<Record<string, unknown>> {
  return readFileSync(join(dir, "samples.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** A record without what differs between sessions by nature: timings and cache hits. */
function comparable(record: Record<string, unknown>) {
  const {
    ms: _ms,
    render,
    generation,
    ...rest
  } = record as { ms: unknown; render?: Record<string, Record<string, unknown>>; generation?: Record<string, unknown> };
  const strip = (note?: Record<string, unknown>) => note && Object.fromEntries(Object.entries(note).filter(([key]) => key !== "cached"));
  return { ...rest, generation: strip(generation), render: render && { pred: strip(render.pred), ref: strip(render.ref) } };
}

describe("a run killed with SIGKILL and started again with the same command", () => {
  it("keeps the finished samples, redoes the rest, and ends with the results of an uninterrupted run", async () => {
    const out = join(tempDir(), "killed");
    const args = ["run", "--model", "boxes", "--dataset", "mini", "--limit", "20", "--concurrency", "2", "--out", out, "--quiet"];
    const child = spawn(process.execPath, ["--import", TSX_LOADER, MAIN, ...args], { env: { ...process.env, ...env }, stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const samplesFile = join(out, "samples.jsonl");
    while (!existsSync(samplesFile) || lines(out).length < 6) await sleep(50);
    child.kill("SIGKILL");
    await exited;
    const before = lines(out).length;
    expect(before).toBeGreaterThanOrEqual(6);
    expect(before).toBeLessThan(20);
    expect(existsSync(join(out, "results.json"))).toBe(false);

    const resumed = await runCli(
      args.filter((arg) => arg !== "--quiet"),
      { env },
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`boxes: continuing ${out}: 20 samples: ${before} kept, 0 retried, ${20 - before} new\n`);
    const uninterrupted = join(tempDir(), "whole");
    expect((await runCli([...args.slice(0, -3), "--out", uninterrupted, "--quiet"], { env })).code).toBe(0);

    const [a, b] = [out, uninterrupted].map((dir) => JSON.parse(readFileSync(join(dir, "results.json"), "utf8")));
    expect(a.aggregates).toEqual(b.aggregates);
    expect(a.failures).toEqual(b.failures);
    expect(a.dataset.samples).toEqual({ total: 20, scored: 20 });
    expect(a.timing.resumedSamples).toBe(before);
    expect(lines(out).map(comparable)).toEqual(lines(uninterrupted).map(comparable));
  }, 300_000);

  it("starts over with --fresh, and refuses other settings in the same folder", async () => {
    const out = join(tempDir(), "run");
    const args = ["run", "--model", "blank", "--dataset", "mini", "--limit", "3", "--out", out];
    expect((await runCli(args, { env })).code).toBe(0);
    const again = await runCli(args, { env });
    expect(again.stderr).toContain("blank: continuing");
    expect(again.stderr).toContain(`: 3 samples: 3 kept, 0 retried, 0 new\n`);
    const fresh = await runCli([...args, "--fresh"], { env });
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).not.toContain("continuing");
    const other = await runCli(["run", "--model", "blank", "--dataset", "mini", "--limit", "4", "--out", out], { env });
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(
      `web2code-eval: ${out} holds a run with other selection (limit: 3 there, 4 now): use --fresh to start it over, or another --out\n`,
    );
  }, 120_000);
});
