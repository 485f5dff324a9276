import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeDataset, tempDir, whitePng } from "../helpers/dataset.js";
import { json, startServer } from "../helpers/http-server.js";

const dataset = makeDataset({
  a: "<html><body><h1>A</h1></body></html>",
  b: "<html><body><h1>B</h1></body></html>",
  c: "<html><body><h1>C</h1></body></html>",
});
// A screenshot of its own per sample, so that each prompt is different.
for (const [id, size] of [
  ["b", 9],
  ["c", 10],
] as const)
  writeFileSync(join(dataset, "screenshots", `${id}.png`), whitePng(size, size));

function lines(
  dir: string,
): Array<{ id: string; status: string; generation: { cached?: boolean }; render?: { pred?: { cached?: boolean } } }> {
  return readFileSync(join(dir, "samples.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe("generation and render caches", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
  beforeAll(async () => {
    // The first request for sample c fails: a failure must never be stored. (Samples reach the model
    // in the order their screenshots are read, so c is told by its screenshot, not by the order.)
    const cScreenshot = whitePng(10, 10).toString("base64");
    let cFailed = false;
    server = await startServer((request, response) => {
      if (!cFailed && request.body.includes(cScreenshot)) {
        cFailed = true;
        return json(response, 400, { error: { message: "bad request" } });
      }
      json(response, 200, { choices: [{ message: { content: "<html><body><h1>A</h1></body></html>" }, finish_reason: "stop" }] });
    });
  });
  afterAll(() => server.close());

  const run = (spec: string, ...flags: string[]) =>
    runCli(
      [
        "run",
        "--dataset",
        dataset,
        "--model",
        `openai:m@${server.url}/v1${spec}`,
        "--out",
        join(tempDir(), "run"),
        "--fresh",
        "--concurrency",
        "1",
        "--json",
        ...flags,
      ],
      { env },
    );
  const outOf = (stdout: string) => (JSON.parse(stdout) as { runs: Array<{ dir: string }> }).runs[0]!.dir;

  it("serves a deterministic model's replies from the cache, never a failure, and skips it with --no-cache", async () => {
    const first = await run("?temperature=0");
    expect(first.code, first.stderr).toBe(0);
    expect(server.seen).toHaveLength(3);
    expect(lines(outOf(first.stdout)).map((l) => [l.status, l.generation.cached ?? false])).toEqual([
      ["ok", false],
      ["ok", false],
      ["generation_error", false],
    ]);

    // Samples a and b hit the cache; c failed before and is asked again.
    const second = await run("?temperature=0");
    expect(server.seen).toHaveLength(4);
    const again = lines(outOf(second.stdout));
    expect(again.map((l) => [l.status, l.generation.cached ?? false])).toEqual([
      ["ok", true],
      ["ok", true],
      ["ok", false],
    ]);
    // c renders for the first time: its earlier attempt never got that far.
    expect(again.map((l) => l.render?.pred?.cached)).toEqual([true, true, undefined]);

    await run("?temperature=0", "--no-cache");
    expect(server.seen).toHaveLength(7);
  });

  it("does not cache a sampled model without a fixed seed, and does with one", async () => {
    const count = server.seen.length;
    await run("?temperature=0.7");
    await run("?temperature=0.7");
    expect(server.seen.length - count).toBe(6);
    await run("?temperature=0.7&seed=3");
    await run("?temperature=0.7&seed=3");
    expect(server.seen.length - count).toBe(9);
  });

  it("cache clear empties the caches and doctor reports their size", async () => {
    const doctor = JSON.parse((await runCli(["doctor", "--json"], { env })).stdout) as Array<{ name: string; detail: string }>;
    expect(doctor.find((check) => check.name === "cache")?.detail).toMatch(/generations [\d.]+ MB.*renders [\d.]+ MB/);
    const cleared = await runCli(["cache", "clear", "--json"], { env });
    expect(cleared.code).toBe(0);
    expect(JSON.parse(cleared.stdout).freedBytes).toBeGreaterThan(0);
    expect(existsSync(join(env.WEB2CODE_CACHE_DIR, "generations"))).toBe(false);
    expect(existsSync(join(env.WEB2CODE_CACHE_DIR, "renders"))).toBe(false);
  });
});

describe("a run served from the cache says so", () => {
  let broken = false;
  let server: Awaited<ReturnType<typeof startServer>>;
  const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
  beforeAll(async () => {
    server = await startServer((_request, response) =>
      broken
        ? json(response, 500, { error: { message: "model crashed" } })
        : json(response, 200, { choices: [{ message: { content: "<html><body><h1>A</h1></body></html>" }, finish_reason: "stop" }] }),
    );
  });
  afterAll(() => server.close());

  it("on the end-of-run line and in summary.md, even while the server answers only 500", async () => {
    const run = () => {
      const out = join(tempDir(), "run");
      return runCli(["run", "--dataset", dataset, "--model", `openai:m@${server.url}/v1?temperature=0`, "--out", out], { env }).then(
        (result) => ({ ...result, out }),
      );
    };
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`openai-m-temperature-0: 3/3 scored -> ${first.out}\n`);
    expect(readFileSync(join(first.out, "summary.md"), "utf8")).toContain(
      "From the cache: 0 of 3 replies (the model was not asked for these) and 0 of 3 prediction renders.",
    );

    broken = true;
    const second = await run();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`openai-m-temperature-0: 3/3 scored, 3 replies and 3 renders from the cache -> ${second.out}\n`);
    expect(readFileSync(join(second.out, "summary.md"), "utf8")).toContain(
      "From the cache: 3 of 3 replies (the model was not asked for these) and 3 of 3 prediction renders; --no-cache asks the model again.",
    );
    expect(JSON.parse(readFileSync(join(second.out, "results.json"), "utf8")).cache).toEqual({ replies: 3, renders: 3 });
  }, 120_000);
});
