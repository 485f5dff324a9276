import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GenerateReply, GenerateRequest } from "../../src/model/types.js";
import { GenerationCache } from "../../src/runner/generation-cache.js";
import { tempDir } from "../helpers/dataset.js";

const FINGERPRINT = { kind: "openai", model: "m", sampling: { temperature: 0 } };
const REQUEST: GenerateRequest = {
  sampleId: "s1",
  task: "image2html",
  image: Buffer.from("abc"),
  instruction: "Write the HTML.",
  description: "A page.",
  viewport: { width: 1280, height: 800 },
  sampling: { temperature: 0 },
  deadline: 1000,
};
const REPLY: GenerateReply = { ok: true, text: "<html></html>", finishReason: "stop", usage: { prompt: 10, completion: 5 } };

/** Where the cache keeps an entry (generations/ under the cache root, two hex digits of fan-out). */
function entryFile(cacheRoot: string, key: string): string {
  const dir = join(cacheRoot, "generations", key.slice(0, 2));
  mkdirSync(dir, { recursive: true });
  return join(dir, `${key}.json`);
}

describe("the generation cache's key", () => {
  const cache = new GenerationCache(tempDir("w2c-cache-"), true);
  const keyOf = (request: GenerateRequest, fingerprint: Record<string, unknown> = FINGERPRINT) => cache.key(fingerprint, request);

  it("is the sha256 of the fingerprint and the request as canonical JSON, the screenshot by its hash", () => {
    const text =
      '{"fingerprint":{"kind":"openai","model":"m","sampling":{"temperature":0}},"request":{"description":"A page.",' +
      '"image":{"sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},"instruction":"Write the HTML.",' +
      '"sampleId":"s1","sampling":{"temperature":0},"task":"image2html","viewport":{"height":800,"width":1280}}}';
    expect(keyOf(REQUEST)).toBe(createHash("sha256").update(text).update("\0").digest("hex"));
  });

  it("is the same for the same request, whatever order its fields were set in", () => {
    const { sampleId, task, image, instruction, description, sampling, deadline } = REQUEST;
    const reordered = {
      deadline,
      sampling: { ...sampling },
      viewport: { height: 800, width: 1280 },
      description,
      instruction,
      image,
      task,
      sampleId,
    };
    expect(keyOf({ ...REQUEST, image: Buffer.from("abc") })).toBe(keyOf(REQUEST));
    expect(keyOf(reordered)).toBe(keyOf(REQUEST));
  });

  it.each<[string, Partial<GenerateRequest>]>([
    ["sample id", { sampleId: "s2" }],
    ["task", { task: "qa" }],
    ["screenshot", { image: Buffer.from("abd") }],
    ["instruction", { instruction: "Write the page." }],
    ["description", { description: "Another page." }],
    ["question", { question: "What colour is the button?" }],
    ["viewport", { viewport: { width: 1280, height: 801 } }],
    ["sampling", { sampling: { temperature: 0, seed: 1 } }],
  ])("changes with the request's %s", (_field, change) => {
    expect(keyOf({ ...REQUEST, ...change })).not.toBe(keyOf(REQUEST));
  });

  it("changes with the model's identity", () => {
    expect(keyOf(REQUEST, { ...FINGERPRINT, model: "m2" })).not.toBe(keyOf(REQUEST));
  });

  it("leaves out what the model is not asked: the deadline and the retry callback", () => {
    expect(keyOf({ ...REQUEST, deadline: 2000, onRetry: () => undefined })).toBe(keyOf(REQUEST));
  });

  it("is none when the output is not deterministic (no fingerprint) or the cache is off", () => {
    expect(cache.key(undefined, REQUEST)).toBeUndefined();
    expect(new GenerationCache(tempDir("w2c-cache-"), false).key(FINGERPRINT, REQUEST)).toBeUndefined();
  });
});

describe("the generation cache's entries", () => {
  it("read back a stored reply, and store no failure", () => {
    const cache = new GenerationCache(tempDir("w2c-cache-"), true);
    const key = cache.key(FINGERPRINT, REQUEST);
    cache.put(key, REPLY);
    expect(cache.get(key)).toEqual(REPLY);
    const failedKey = cache.key(FINGERPRINT, { ...REQUEST, sampleId: "s2" });
    cache.put(failedKey, { ok: false, status: "generation_error", error: "HTTP 500" });
    expect(cache.get(failedKey)).toBeUndefined();
    expect(cache.get(undefined)).toBeUndefined();
  });

  it("read a reply written where the key says", () => {
    const cacheRoot = tempDir("w2c-cache-");
    const cache = new GenerationCache(cacheRoot, true);
    const key = cache.key(FINGERPRINT, REQUEST)!;
    writeFileSync(entryFile(cacheRoot, key), JSON.stringify(REPLY));
    expect(cache.get(key)).toEqual(REPLY);
  });

  it.each([
    ["not JSON", "{"],
    ["a reply without its text", JSON.stringify({ ok: true, finishReason: "stop" })],
    ["a finish reason no backend gives", JSON.stringify({ ...REPLY, finishReason: "done" })],
    ["usage that is not token counts", JSON.stringify({ ...REPLY, usage: { prompt: "10" } })],
    ["a failure (never stored, but read as a miss)", JSON.stringify({ ok: false, status: "generation_error", error: "HTTP 500" })],
    ["something else", JSON.stringify(["<html></html>"])],
  ])("read %s on disk as a miss", (_what, content) => {
    const cacheRoot = tempDir("w2c-cache-");
    const cache = new GenerationCache(cacheRoot, true);
    const key = cache.key(FINGERPRINT, REQUEST)!;
    writeFileSync(entryFile(cacheRoot, key), content);
    expect(cache.get(key)).toBeUndefined();
  });
});
