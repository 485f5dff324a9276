import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, TSX_LOADER } from "../helpers/cli.js";
import { makeDataset, tempDir } from "../helpers/dataset.js";
import { json, startServer } from "../helpers/http-server.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
const page = (text: string) => `<!DOCTYPE html><html><body><h1>${text}</h1></body></html>`;
const dataset = makeDataset({ a: page("A"), b: page("B"), c: page("C") });

interface Line {
  id: string;
  status: string;
  error?: string;
  attempts?: number;
}

function lines(dir: string): Line[] {
  return readFileSync(join(dir, "samples.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
}

const results = (dir: string) => JSON.parse(readFileSync(join(dir, "results.json"), "utf8"));

describe("a continued run retries the failures that may pass", () => {
  it("redoes a missing prediction once it exists, keeps the rest, and counts each sample's attempts", async () => {
    const preds = tempDir("w2c-preds-");
    writeFileSync(join(preds, "a.html"), page("A"));
    writeFileSync(join(preds, "b.html"), page("B"));
    const out = join(tempDir(), "run");
    const args = ["score", "--dataset", dataset, "--predictions", preds, "--out", out];
    const first = await runCli(args, { env });
    expect(first.code, first.stderr).toBe(0);
    expect(lines(out).map((l) => [l.id, l.status, l.attempts])).toEqual([
      ["a", "ok", 1],
      ["b", "ok", 1],
      ["c", "generation_error", 1],
    ]);

    writeFileSync(join(preds, "c.html"), page("C"));
    const second = await runCli(args, { env });
    expect(second.code, second.stderr).toBe(0);
    const model = `replay-${basename(preds).toLowerCase()}`;
    expect(second.stderr).toContain(`${model}: continuing ${out}: 3 samples: 2 kept, 1 retried (generation_error 1), 0 new\n`);
    expect(lines(out).map((l) => [l.id, l.status, l.attempts])).toEqual([
      ["a", "ok", 1],
      ["b", "ok", 1],
      ["c", "ok", 2],
    ]);
    expect(results(out).dataset.samples).toEqual({ total: 3, scored: 3 });
    expect(results(out).timing.resumedSamples).toBe(2);
  }, 120_000);

  it("scores an empty prediction folder as nothing (exit 1), then every sample once the files are there", async () => {
    const preds = tempDir("w2c-preds-");
    const out = join(tempDir(), "run");
    const args = ["score", "--dataset", dataset, "--predictions", preds, "--out", out];
    const first = await runCli(args, { env });
    expect(first.code).toBe(1);
    expect(existsSync(join(out, "results.json"))).toBe(true);
    for (const id of ["a", "b", "c"]) writeFileSync(join(preds, `${id}.html`), page(id.toUpperCase()));
    const second = await runCli(args, { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`: 3 samples: 0 kept, 3 retried (generation_error 3), 0 new\n`);
    expect(lines(out).map((l) => [l.status, l.attempts])).toEqual([
      ["ok", 2],
      ["ok", 2],
      ["ok", 2],
    ]);
  }, 120_000);

  it("keeps a failure the model's output makes (no HTML), and redoes it with --retry-failed", async () => {
    const preds = tempDir("w2c-preds-");
    const small = makeDataset({ a: page("A"), b: page("B") });
    writeFileSync(join(preds, "a.html"), page("A"));
    writeFileSync(join(preds, "b.html"), "");
    const out = join(tempDir(), "run");
    const args = ["score", "--dataset", small, "--predictions", preds, "--out", out];
    expect((await runCli(args, { env })).code).toBe(0);
    expect(lines(out).map((l) => l.status)).toEqual(["ok", "empty_output"]);

    writeFileSync(join(preds, "b.html"), page("B"));
    const kept = await runCli(args, { env });
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stderr).toContain(
      `: 2 samples: 2 kept, 0 retried, 0 new; failures kept: empty_output 1 (--retry-failed does them again)\n`,
    );
    expect(lines(out).map((l) => [l.status, l.attempts])).toEqual([
      ["ok", 1],
      ["empty_output", 1],
    ]);

    const retried = await runCli([...args, "--retry-failed"], { env });
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stderr).toContain(`: 2 samples: 1 kept, 1 retried (empty_output 1), 0 new\n`);
    expect(lines(out).map((l) => [l.status, l.attempts])).toEqual([
      ["ok", 1],
      ["ok", 2],
    ]);
  }, 120_000);
});

describe("a retry stopped with Ctrl-C", () => {
  let mode: "fail" | "hang" | "answer" = "fail";
  const serverReady = startServer((_request, response) => {
    if (mode === "fail") return json(response, 500, { error: { message: "model not loaded" } });
    if (mode === "answer") return json(response, 200, { choices: [{ message: { content: page("A") }, finish_reason: "stop" }] });
    // "hang": no answer until the test closes the server.
  });
  afterAll(async () => (await serverReady).close());

  it("exits 130 and loses nothing: the failed lines stay until their retries are written", async () => {
    const server = await serverReady;
    const small = makeDataset({ a: page("A"), b: page("B") });
    const out = join(tempDir(), "run");
    const args = ["run", "--dataset", small, "--model", `openai:m@${server.url}/v1`, "--out", out, "--concurrency", "1"];

    const failed = await runCli(args, { env });
    expect(failed.code).toBe(1);
    expect(lines(out).map((l) => [l.status, l.error])).toEqual([
      ["generation_error", `HTTP 500 from ${server.url}/v1/chat/completions: model not loaded`],
      ["generation_error", `HTTP 500 from ${server.url}/v1/chat/completions: model not loaded`],
    ]);
    const before = readFileSync(join(out, "samples.jsonl"), "utf8");

    mode = "hang";
    const seen = server.seen.length;
    const child = spawn(process.execPath, ["--import", TSX_LOADER, MAIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    while (server.seen.length === seen) await sleep(50);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain(": continuing");
    expect(stderr.trim().split("\n").at(-1)).toBe(`web2code-eval: interrupted: the finished samples are in ${join(out, "samples.jsonl")}`);
    expect(readFileSync(join(out, "samples.jsonl"), "utf8")).toBe(before);

    mode = "answer";
    const answered = await runCli(args, { env });
    expect(answered.code, answered.stderr).toBe(0);
    expect(answered.stderr).toContain(`: 2 samples: 0 kept, 2 retried (generation_error 2), 0 new\n`);
    expect(lines(out).map((l) => [l.status, l.attempts])).toEqual([
      ["ok", 2],
      ["ok", 2],
    ]);
  }, 180_000);
});
