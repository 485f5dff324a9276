import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, TSX_LOADER } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";
import { llamaServerBinary, testServerPids, tinyVisionModel } from "../helpers/llama-server.js";

const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const MINI = fileURLToPath(new URL("../../datasets/mini/", import.meta.url));

/** A random model's pages rarely hold HTML: a run that scored none of them exits 1 (it measured nothing), else 0. */
function expectedExit(out: string): number {
  return JSON.parse(readFileSync(join(out, "results.json"), "utf8")).dataset.samples.scored > 0 ? 0 : 1;
}

function readRun(out: string) {
  const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
  const samples = readFileSync(join(out, "samples.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  return { results, samples };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

describe("screenshot runs through llama.cpp's server (tiny random model with an image projector)", () => {
  const { model, mmproj } = tinyVisionModel();
  const bin = llamaServerBinary();
  const spec = `llama-server:${model}?mmproj=${mmproj}&bin=${bin}&np=2&threads=1&max_tokens=32`;

  it("runs a managed llama-server for the run, records it, keeps its log, and stops it after", async () => {
    const out = join(tempDir(), "run");
    const { code, stderr } = await runCli(
      ["run", "--model", spec, "--dataset", "mini", "--limit", "4", "--concurrency", "2", "--out", out],
      { env },
    );
    expect(code, stderr).toBe(expectedExit(out));
    const { results, samples } = readRun(out);
    expect(results.task).toBe("image2html");
    expect(results.model).toMatchObject({
      kind: "llama-server",
      server: { build: expect.stringMatching(/\S/) },
      weights: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      placement: { server: { slots: 2, log: join(out, "logs", "llama-server.log") } },
    });
    expect(samples).toHaveLength(4);
    for (const sample of samples) {
      expect(["ok", "empty_output"]).toContain(sample.status);
      expect(sample.generation).toMatchObject({
        finishReason: "length",
        truncated: true,
        usage: { completion: 32 },
        timings: { predicted_n: 32 },
      });
    }
    expect(readFileSync(join(out, "logs", "llama-server.log"), "utf8")).toMatch(/server is listening|listening on/);
    expect(testServerPids()).toEqual([]);
  });

  it("answers WUB questions (--task qa) through the real server: gibberish is not yes or no, so each question is asked again in a conversation", async () => {
    const root = tempDir("w2c-wub-");
    copyFileSync(join(MINI, "screenshots", "landing-saas.png"), join(root, "web_1.png"));
    const lines = [
      { image: "web_1.png", question_id: 1, Q: "Is there a navigation bar at the top?", A: "Yes" },
      { image: "web_1.png", question_id: 2, Q: "Is the page dark?", A: "No" },
    ];
    writeFileSync(join(root, "eval.jsonl"), lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
    const out = join(tempDir(), "qa");
    const { code, stderr } = await runCli(["run", "--task", "qa", "--model", spec, "--dataset", join(root, "eval.jsonl"), "--out", out], {
      env,
    });
    expect(code, stderr).toBe(0);
    const { results, samples } = readRun(out);
    expect(Object.keys(results.metrics)).toEqual(["qa_accuracy", "qa_exact"]);
    for (const sample of samples) {
      expect(sample.status).toBe("ok");
      expect(sample.qa.answers).toHaveLength(2);
      expect(sample.generation).toMatchObject({ usage: { completion: 32 } });
    }
    expect(results.qa.retried).toBe(2);
    expect(testServerPids()).toEqual([]);
  });

  it("lowers the run's concurrency to the server's slots and says so", async () => {
    const out = join(tempDir(), "slots");
    const { code, stderr } = await runCli(
      ["run", "--model", spec.replace("np=2", "np=1"), "--dataset", "mini", "--limit", "2", "--concurrency", "3", "--out", out],
      { env },
    );
    expect(code, stderr).toBe(expectedExit(out));
    expect(stderr).toContain("1 concurrent generations (the model serves no more)");
  });

  describe("openai: against a llama-server the test started", () => {
    let server: ChildProcess;
    const port = 18_000 + Math.floor(Math.random() * 2000);
    beforeAll(async () => {
      server = spawn(bin, ["-m", model, "--mmproj", mmproj, "--port", String(port), "-np", "2", "-t", "1", "--no-webui"], {
        stdio: "ignore",
      });
      let ready = false;
      for (let i = 0; i < 100 && !ready; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/health`).then(
          (response) => response.ok,
          () => false,
        );
        if (!ready) await sleep(100);
      }
      expect(ready).toBe(true);
    });
    afterAll(() => {
      server.kill();
    });

    it("scores a screenshot run with usage and the server's timings per sample", async () => {
      const out = join(tempDir(), "openai");
      const { code, stderr } = await runCli(
        [
          "run",
          "--model",
          `openai:tiny@http://127.0.0.1:${port}/v1?max_tokens=16&seed=1`,
          "--dataset",
          "mini",
          "--limit",
          "3",
          "--out",
          out,
        ],
        { env },
      );
      expect(code, stderr).toBe(expectedExit(out));
      const { results, samples } = readRun(out);
      expect(results.model).toMatchObject({
        kind: "openai",
        model: "tiny",
        sampling: { temperature: 0, seed: 1, max_tokens: 16 },
        placement: { baseUrl: `http://127.0.0.1:${port}/v1` },
      });
      for (const sample of samples) {
        expect(sample.generation).toMatchObject({ finishReason: "length", usage: { completion: 16 }, timings: { predicted_n: 16 } });
        expect(sample.generation.usage.prompt).toBeGreaterThan(16);
      }
    });
  });

  it.each([
    ["SIGINT", "Ctrl-C"],
    ["SIGKILL", "a killed run"],
  ] as const)("leaves no llama-server behind after %s (%s)", async (signal, _situation) => {
    const out = join(tempDir(), "killed");
    const child = spawn(
      process.execPath,
      [
        "--import",
        TSX_LOADER,
        MAIN,
        "run",
        "--model",
        spec.replace("max_tokens=32", "max_tokens=100000"),
        "--dataset",
        "mini",
        "--out",
        out,
      ],
      {
        env: { ...process.env, ...env },
        stdio: "ignore",
      },
    );
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    expect(await waitFor(() => testServerPids().length > 0, 60_000)).toBe(true);
    child.kill(signal);
    await exited;
    // The run's own shutdown (SIGINT) or the watchdog it left (SIGKILL, within a second or two).
    expect(await waitFor(() => testServerPids().length === 0, 10_000)).toBe(true);
    if (signal === "SIGINT") expect(existsSync(join(out, "results.json"))).toBe(false);
  });
});
