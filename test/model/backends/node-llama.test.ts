import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelSpecError } from "../../../src/model/errors.js";
import type { ModelBackend } from "../../../src/model/types.js";
import { tempDir } from "../../helpers/dataset.js";
import { writeTinyTextModel } from "../../helpers/gguf.js";
import { CONTEXT, createModel, request } from "./request.js";

const TEXT = { ...CONTEXT, task: "text2html" as const };
const signal = new AbortController().signal;

describe("llama backend (node-llama-cpp in process, tiny random model)", () => {
  const dir = tempDir("w2c-gguf-");
  const model = writeTinyTextModel(join(dir, "tiny.gguf"));
  let backend: ModelBackend;

  beforeAll(async () => {
    backend = await createModel(`llama:${model}?threads=1&max_tokens=48&temperature=0`, TEXT);
    await backend.open!({ concurrency: 2, logDir: dir, signal });
  });
  afterAll(async () => backend.close?.());

  const ask = (description: string) =>
    backend.generate(request({ task: "text2html", description, sampling: backend.sampling, deadline: Date.now() + 30_000 }), signal);

  it("generates from the description to the token limit, with usage and speed, the same twice at temperature 0", async () => {
    const first = await ask("A page with a blue header");
    expect(first).toMatchObject({ ok: true, finishReason: "length", maxTokens: 48 });
    if (!first.ok) return;
    expect(first.text.length).toBeGreaterThan(0);
    expect(first.usage?.completion).toBe(48);
    expect(first.usage?.prompt).toBeGreaterThan(10);
    expect(first.tokensPerSecond).toBeGreaterThan(0);
    expect(await ask("A page with a blue header")).toMatchObject({ ok: true, text: first.text });
  });

  it("serves concurrent samples on separate sequences", async () => {
    const replies = await Promise.all(["one", "two", "three"].map(ask));
    expect(replies.map((reply) => reply.ok)).toEqual([true, true, true]);
  });

  it("records the runtime, the weights' hash and the template", () => {
    expect(backend.describe()).toMatchObject({
      kind: "llama",
      identity: {
        backend: "node-llama-cpp",
        profile: { name: "chatml", stop: ["<|im_end|>"] },
        sampling: { temperature: 0, max_tokens: 48 },
        runtime: { package: "node-llama-cpp", version: "3.21.1" },
        weights: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
      placement: { runtime: { gpu: false, threads: 1, sequences: 2 }, weights: { path: model } },
    });
  });

  it("ends a generation at the deadline as generation_timeout", async () => {
    const reply = await backend.generate(
      request({ task: "text2html", description: "x", sampling: { max_tokens: 100_000 }, deadline: Date.now() + 200 }),
      signal,
    );
    expect(reply).toEqual({ ok: false, status: "generation_timeout", error: "deadline passed while generating" });
  });
});

describe("llama backend with a broken model file", () => {
  it.each([
    ["a file that is not GGUF", (path: string) => writeFileSync(path, "not a model at all")],
    // llama.cpp aborts the whole process on this one: the probe process takes the hit.
    ["a model without feed_forward_length", (path: string) => writeTinyTextModel(path, { omitKeys: ["llama.feed_forward_length"] })],
  ])("refuses %s with a clear error, and this process lives on", async (_name, write) => {
    const dir = tempDir("w2c-gguf-");
    const path = join(dir, "broken.gguf");
    write(path);
    const backend = await createModel(`llama:${path}?threads=1`, TEXT);
    const opening = backend.open!({ concurrency: 1, logDir: dir, signal });
    await expect(opening).rejects.toThrow(ModelSpecError);
    await expect(opening).rejects.toThrow(
      new RegExp(`^model spec "llama:${path}\\?threads=1": model file "${path}" cannot be loaded by node-llama-cpp \\(.+\\)$`),
    );
  });
});
