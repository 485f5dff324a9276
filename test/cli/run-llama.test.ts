import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";
import { writeTinyTextModel } from "../helpers/gguf.js";

const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };

describe("run --task text2html with node-llama-cpp in process (tiny random model)", () => {
  const dir = tempDir("w2c-gguf-");
  const model = writeTinyTextModel(join(dir, "tiny.gguf"));
  const spec = `llama:${model}?threads=1&max_tokens=64&temperature=0`;
  let out: string;
  let result: CliResult;

  beforeAll(async () => {
    out = join(tempDir(), "run");
    result = await runCli(
      ["run", "--task", "text2html", "--model", spec, "--dataset", "mini", "--limit", "3", "--concurrency", "2", "--out", out, "--json"],
      { env },
    );
  }, 300_000);

  it("completes, with every sample generated from its description", () => {
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    // A random model's pages rarely hold HTML: a run that scored none of them exits 1 (it measured nothing).
    expect(result.code, result.stderr).toBe(results.dataset.samples.scored > 0 ? 0 : 1);
    expect(results.task).toBe("text2html");
    expect(results.dataset.samples.total).toBe(3);
    expect(results.model).toMatchObject({
      kind: "llama",
      backend: "node-llama-cpp",
      runtime: { package: "node-llama-cpp", version: "3.21.1" },
      weights: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      profile: { name: "chatml", templateSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      sampling: { temperature: 0, max_tokens: 64 },
      placement: { runtime: { threads: 1, sequences: 2 }, weights: { path: model } },
    });
    expect(results.generation).toMatchObject({ completionTokens: 192, truncated: 3, clamped: 0 });
    expect(readFileSync(join(out, "summary.md"), "utf8")).toMatch(
      /^Generated 192 tokens, [\d.]+ tokens\/s per sample; 3 answers cut at their token limit\.$/m,
    );
    const lines = readFileSync(join(out, "samples.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      // Random weights write gibberish: the page holds no HTML, and that is the sample's own status.
      expect(["ok", "empty_output"]).toContain(line.status);
      expect(line.generation).toMatchObject({ finishReason: "length", truncated: true, maxTokens: 64, usage: { completion: 64 } });
      expect(line.generation.tokensPerSecond).toBeGreaterThan(0);
    }
  });

  it("stops a screenshot run before any work, naming the llama-server backend", async () => {
    const refused = join(tempDir(), "refused");
    const { code, stderr } = await runCli(["run", "--model", spec, "--dataset", "mini", "--out", refused], { env });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      `web2code-eval: model spec "${spec}": node-llama-cpp has no image input; for screenshots use llama-server:GGUF?mmproj=PATH (llama.cpp's server), or run this model with --task text2html`,
    );
    expect(existsSync(refused)).toBe(false);
  });

  it("ends with exit 2 and leaves nothing behind for a model file that would abort llama.cpp", async () => {
    const broken = writeTinyTextModel(join(dir, "broken.gguf"), { omitKeys: ["llama.attention.head_count"] });
    const target = join(tempDir(), "broken");
    const { code, stderr } = await runCli(
      ["run", "--task", "text2html", "--model", `llama:${broken}?threads=1`, "--dataset", "mini", "--out", target],
      { env },
    );
    expect(code).toBe(2);
    expect(stderr.trim().split("\n").at(-1)).toMatch(
      new RegExp(
        `^web2code-eval: model spec "llama:${broken}\\?threads=1": model file "${broken}" cannot be loaded by node-llama-cpp \\(.+\\)$`,
      ),
    );
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
  });
});
