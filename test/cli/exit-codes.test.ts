import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeDataset, tempDir } from "../helpers/dataset.js";
import { json, startServer } from "../helpers/http-server.js";

/** Exit codes a CI job acts on, from the real CLI: 1 when a run scored nothing, 100 past --max-failures, 2 for a bad value. */

const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
const page = (text: string) => `<!DOCTYPE html><html><body><h1>${text}</h1></body></html>`;
const dataset = makeDataset({ a: page("A"), b: page("B"), c: page("C") });
const lastLine = (text: string) => text.trim().split("\n").at(-1);

describe("a run that scored nothing exits 1, its run written", () => {
  const servers: Array<{ close: () => Promise<void> }> = [];
  afterAll(async () => Promise.all(servers.map((server) => server.close())));
  const served = async (handle: Parameters<typeof startServer>[0]) => {
    const server = await startServer(handle);
    servers.push(server);
    return server;
  };
  const run = (model: string, ...flags: string[]) => {
    const out = join(tempDir(), "run");
    return runCli(["run", "--dataset", dataset, "--model", model, "--out", out, "--limit", "2", "--no-cache", ...flags], { env }).then(
      (result) => ({ ...result, out }),
    );
  };

  it("with a server answering 500", async () => {
    const server = await served((_request, response) => json(response, 500, { error: { message: "internal error" } }));
    const result = await run(`openai:m@${server.url}/v1`);
    expect(result.code).toBe(1);
    expect(lastLine(result.stderr)).toMatch(/^web2code-eval: no sample scored by openai-m \(2 of 2 failed: generation_error 2\)$/);
    expect(JSON.parse(readFileSync(join(result.out, "results.json"), "utf8")).dataset.samples).toEqual({ total: 2, scored: 0 });
    expect(result.stdout).toContain(`run: ${result.out}`);
  }, 60_000);

  it("with a server answering 429 past the deadline, each retry on its own line", async () => {
    const server = await served((_request, response) => json(response, 429, { error: { message: "slow down" } }, { "retry-after": "1" }));
    const result = await run(`openai:m@${server.url}/v1`, "--generation-timeout", "2500", "--concurrency", "1");
    expect(result.code).toBe(1);
    const retries = result.stderr.split("\n").filter((line) => line.includes("failed; next in"));
    // Two retries a sample: a fourth try would start past the deadline.
    expect(retries).toHaveLength(4);
    expect(retries[0]).toMatch(/^openai-m [ab]: HTTP 429, try 1 of 6 failed; next in 1 s \(Retry-After\)$/);
    expect(retries[1]).toMatch(/^openai-m [ab]: HTTP 429, try 2 of 6 failed; next in 1 s \(Retry-After\)$/);
    const records = readFileSync(join(result.out, "samples.jsonl"), "utf8").trim().split("\n");
    expect(JSON.parse(records[0]!).error).toMatch(
      /^gave up after 3 tries: the server asked to wait 1 s \(Retry-After\), more than the 0\.\d s left before the deadline; HTTP 429 from .*: slow down$/,
    );
  }, 60_000);

  it("with no server at all", async () => {
    const server = await served(() => undefined);
    await server.close();
    const result = await run(`openai:m@${server.url}/v1`, "--generation-timeout", "1200");
    expect(result.code).toBe(1);
    expect(lastLine(result.stderr)).toMatch(/^web2code-eval: no sample scored by openai-m \(2 of 2 failed: generation_timeout 2\)$/);
  }, 60_000);

  it("with an empty prediction folder (score)", async () => {
    const preds = tempDir("w2c-preds-");
    const out = join(tempDir(), "run");
    const result = await runCli(["score", "--dataset", dataset, "--predictions", preds, "--out", out], { env });
    expect(result.code).toBe(1);
    expect(lastLine(result.stderr)).toBe(
      `web2code-eval: no sample scored by replay-${basename(preds).toLowerCase()} (3 of 3 failed: generation_error 3)`,
    );
    expect(existsSync(join(out, "summary.md"))).toBe(true);
  }, 60_000);
});

describe("--max-failures", () => {
  const preds = tempDir("w2c-preds-");
  writeFileSync(join(preds, "a.html"), page("A"));
  writeFileSync(join(preds, "b.html"), page("B"));
  // c has no prediction: 1 failure in 3 samples.
  const out = join(tempDir(), "run");
  const score = (...flags: string[]) => runCli(["score", "--dataset", dataset, "--predictions", preds, "--out", out, ...flags], { env });
  const model = `replay-${basename(preds).toLowerCase()}`;

  it("exits 100 with one line when a run has more failed samples than allowed, after printing its results", async () => {
    const over = await score("--max-failures", "0");
    expect(over.code).toBe(100);
    expect(lastLine(over.stderr)).toBe(
      `web2code-eval: more failed samples than --max-failures 0 allows: ${model} (1 of 3 failed: generation_error 1)`,
    );
    expect(over.stdout).toContain(`run: ${out}`);
    expect(existsSync(join(out, "results.json"))).toBe(true);
    expect((await score("--max-failures", "1")).code).toBe(0);
  }, 120_000);

  it("takes a share of the samples", async () => {
    const over = await score("--max-failures", "33%");
    expect(over.code).toBe(100);
    expect(lastLine(over.stderr)).toBe(
      `web2code-eval: more failed samples than --max-failures 33% allows: ${model} (1 of 3 failed: generation_error 1)`,
    );
    expect((await score("--max-failures", "34%")).code).toBe(0);
  }, 120_000);

  it("refuses a value that is neither a count nor a share, with exit 2", async () => {
    for (const value of ["5x", "101%", "-1", "1.5"]) {
      const result = await score("--max-failures", value);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `error: option '--max-failures <N|P%>' argument '${value}' is invalid. expected a number of failed samples (e.g. 3) or a share of the samples from 0% to 100% (e.g. 5%)\n`,
      );
    }
  }, 60_000);
});

describe("the scores on the terminal", () => {
  it("ends run with the aggregate table: models as rows, the main metrics as columns, samples scored and failures", async () => {
    const out = join(tempDir(), "panel");
    const small = makeDataset({ a: page("A"), b: page("B") });
    const result = await runCli(["run", "--dataset", small, "--model", "reference", "--model", "blank", "--out", out, "--quiet"], {
      env,
    });
    expect(result.code, result.stderr).toBe(0);
    const [table, note] = result.stdout.split("\n\n");
    const rows = table!.split("\n");
    // Design2Code's four scores of text blocks beside the others, headed by the start of their ids.
    expect(rows[0]).toBe("model      pixel   ssim  tree_bleu   text  d2c_block  d2c_text  d2c_pos  d2c_color  scored  failures");
    expect(rows[1]).toBe("reference  1.000  1.000      1.000  1.000      1.000     1.000    1.000      1.000     2/2  none");
    expect(rows[2]).toMatch(/^blank +0\.\d{3} +0\.\d{3} +0\.\d{3} +0\.000(?: +\d\.\d{3}){4} +2\/2 +none$/);
    expect(rows).toHaveLength(3);
    expect(note).toBe("Means over all samples (a failed one counts 0); every metric with its 95% interval in each run's summary.md.");
    expect(result.stdout).toContain(
      `run: ${join(out, "reference")}\nrun: ${join(out, "blank")}\ncomparison: ${join(out, "comparison.md")}`,
    );
  }, 120_000);
});
