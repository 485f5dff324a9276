import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, TSX_LOADER } from "../helpers/cli.js";
import { makeDataset, tempDir, whitePng } from "../helpers/dataset.js";
import { json, startServer } from "../helpers/http-server.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const PAGE = "<!DOCTYPE html><html><body><h1>Answered</h1></body></html>";
const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };

function lines(dir: string): Array<{ id: string; status: string; error?: string }> {
  return readFileSync(join(dir, "samples.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/**
 * A model server that answers the screenshot of sample `a` at once and never answers the others
 * (each sample has a screenshot of its own size, so the requests tell them apart).
 */
describe("a model that does not answer", () => {
  const dataset = makeDataset({ a: PAGE, b: PAGE, c: PAGE });
  writeFileSync(join(dataset, "screenshots", "b.png"), whitePng(9, 9));
  writeFileSync(join(dataset, "screenshots", "c.png"), whitePng(10, 10));
  const answered = whitePng().toString("base64");
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer((request, response) => {
      if (request.body.includes(answered)) json(response, 200, { choices: [{ message: { content: PAGE }, finish_reason: "stop" }] });
      // The others hang until the client goes away.
    });
  });
  afterAll(() => server.close());
  const model = () => `openai:m@${server.url}/v1`;

  it("--generation-timeout ends a sample's wait at its deadline, as generation_timeout, and the run goes on", async () => {
    const out = join(tempDir(), "run");
    const started = Date.now();
    const result = await runCli(
      ["run", "--dataset", dataset, "--model", model(), "--out", out, "--generation-timeout", "1500", "--concurrency", "3", "--quiet"],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(lines(out).map((line) => [line.id, line.status, line.error])).toEqual([
      ["a", "ok", undefined],
      ["b", "generation_timeout", `deadline passed: no reply from ${server.url}/v1/chat/completions`],
      ["c", "generation_timeout", `deadline passed: no reply from ${server.url}/v1/chat/completions`],
    ]);
    expect(JSON.parse(readFileSync(join(out, "results.json"), "utf8")).failures).toEqual({ generation_timeout: 2 });
  }, 60_000);

  it("SIGTERM stops the run at once: exit 143, the reason on stderr, the finished sample kept, the cut ones not recorded", async () => {
    const out = join(tempDir(), "stopped");
    const child = spawn(
      process.execPath,
      ["--import", TSX_LOADER, MAIN, "run", "--dataset", dataset, "--model", model(), "--out", out, "--concurrency", "3", "--quiet"],
      { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
    const samples = join(out, "samples.jsonl");
    // Sample a is on disk, and b and c are waiting for their replies.
    for (let waited = 0; !(existsSync(samples) && lines(out).length === 1 && server.seen.length >= 3); waited += 50) {
      if (waited > 60_000) throw new Error(`the run did not get going: ${stderr}`);
      await sleep(50);
    }
    const stopped = Date.now();
    child.kill("SIGTERM");
    expect(await exited).toBe(143);
    expect(Date.now() - stopped).toBeLessThan(10_000);
    expect(stderr).toBe(`web2code-eval: interrupted: the finished samples are in ${samples}\n`);
    expect(lines(out).map((line) => [line.id, line.status])).toEqual([["a", "ok"]]);
    expect(existsSync(join(out, "results.json"))).toBe(false);
  }, 90_000);
});
