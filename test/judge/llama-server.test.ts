import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { createJudge, JudgeSpecError, type Judge, type JudgeOptions } from "../../src/judge/judge.js";
import { loadRubric } from "../../src/judge/rubric.js";
import { cacheDir } from "../../src/runner/cache-dir.js";
import { llamaServerBinary, tinyVisionModel } from "../helpers/llama-server.js";

const signal = new AbortController().signal;

/** A distinct small screenshot per shade: identical requests would hit the server's prompt cache. */
function screenshot(shade: number): Buffer {
  const png = new PNG({ width: 48, height: 40 });
  png.data.fill(shade);
  return PNG.sync.write(png);
}

describe("judge on a real llama-server (tiny random model with an image projector)", () => {
  const { dir, model, mmproj } = tinyVisionModel();
  const spec = `llama-server:${model}?mmproj=${mmproj}&bin=${llamaServerBinary()}&threads=1&np=2`;
  const judges: Judge[] = [];
  afterAll(async () => {
    await Promise.all(judges.map((judge) => judge.close()));
  });

  async function opened(options: Partial<JudgeOptions>): Promise<Judge> {
    const judge = await createJudge({ spec, cacheRoot: cacheDir(), ...options });
    judges.push(judge);
    await judge.open({ logDir: dir, signal });
    return judge;
  }

  it("asks for the plain list, reads the random model's gibberish as unreadable, re-asks twice, and ends in judge_error", async () => {
    // A short rubric, so that three tries with 300-token answers fit the tiny model's 2048 positions.
    const rubricFile = join(dir, "short-rubric.md");
    writeFileSync(rubricFile, `Compare the two pages.\n${Array.from({ length: 10 }, (_, i) => `${i + 1}. Same ${i + 1}?`).join("\n")}\n`);
    const judge = await opened({ output: "text", rubric: loadRubric(rubricFile) });
    const { verdict } = await judge.judgeSample({ sampleId: "a", reference: screenshot(20), prediction: screenshot(220) }, signal);
    expect(verdict).toMatchObject({
      ok: false,
      status: "judge_error",
      error: expect.stringMatching(/^judge reply unreadable after 3 tries: .+/),
      calls: 3,
      reasks: 2,
    });
    expect(verdict.ok || verdict.replies).toHaveLength(3);
    // Both images went through the projector on every try: their patches count as prompt tokens.
    expect(verdict.usage.prompt).toBeGreaterThan(3 * 2 * 16);
    expect(verdict.usage.completion).toBeGreaterThan(0);
    expect(judge.describe()).toMatchObject({
      backend: { kind: "llama-server", endpoint: "/v1/chat/completions", placement: { server: { slots: 2 } } },
      replyFormat: "text",
      concurrency: 2,
    });
    expect(existsSync(join(dir, "llama-server.log"))).toBe(true);
  });

  it("gets ten scores even from the random model when the server holds it to the JSON schema; repeat and swap run through the server too", async () => {
    const judge = await opened({ checks: { repeat: true, swap: true } });
    const result = await judge.judgeSample({ sampleId: "b", reference: screenshot(40), prediction: screenshot(160) }, signal);
    for (const verdict of [result.verdict, result.repeat, result.swapped]) {
      expect(verdict).toMatchObject({ ok: true, calls: 1, reasks: 0, reply: expect.stringMatching(/^\s*\{[^]*"q10"\s*:\s*\d+\s*\}\s*$/) });
      expect(verdict?.ok && verdict.questions).toHaveLength(10);
    }
    // Temperature 0 on one server build: the same pair twice gives the same verdict.
    expect(result.repeat?.ok && result.repeat.questions).toEqual(result.verdict.ok && result.verdict.questions);
    expect(result.swapped?.order).toBe("prediction-first");
    expect(judge.describe()).toMatchObject({ replyFormat: "json", cached: false });
  });

  it("refuses a llama-server judge with an exact prompt template: several images need the server's chat template", async () => {
    await expect(createJudge({ spec: `${spec}&profile=llava-v1.5`, cacheRoot: cacheDir() })).rejects.toThrow(JudgeSpecError);
  });
});
