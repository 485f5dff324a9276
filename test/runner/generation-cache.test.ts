import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { GenerateReply, ModelBackend } from "../../src/model/types.js";
import { GenerationCache } from "../../src/runner/generation-cache.js";
import { tempDir } from "../helpers/dataset.js";
import { FAKE_LLAMA_SERVER, fakeLlama } from "../helpers/fake-llama.js";
import { createModel, request } from "../model/backends/request.js";

/**
 * The generation cache is keyed by what fixes a reply. A llama-server backend's replies are fixed by
 * its weights, its prompt template and the server's build as much as by its sampling: change any of
 * them and the cache must miss. (Temperature and seed: test/cli/cache.test.ts.)
 */
describe("the generation cache for a llama-server model (stand-in server)", () => {
  const fake = fakeLlama();
  const dir = tempDir();
  const cacheRoot = tempDir("w2c-cache-");
  const cache = new GenerationCache(cacheRoot, true);
  const model = join(dir, "model.gguf");
  const mmproj = join(dir, "mmproj.gguf");
  writeFileSync(model, "GGUF weights, version 1");
  writeFileSync(mmproj, "GGUF projector");
  const screenshot = request({ image: Buffer.from("a screenshot") });
  const reply: GenerateReply = { ok: true, text: "<html></html>", finishReason: "stop" };
  const opened: ModelBackend[] = [];

  /** The cache key of one request to a backend opened with this spec tail and this server build. */
  async function key(query: string, build: string): Promise<string | undefined> {
    for (const [name, value] of Object.entries(fake.env("ready", build))) vi.stubEnv(name, value);
    const backend = await createModel(`llama-server:${model}?mmproj=${mmproj}&bin=${FAKE_LLAMA_SERVER}&temperature=0${query}`, {
      task: "image2html",
      cacheRoot,
    });
    opened.push(backend);
    await backend.open!({ concurrency: 1, logDir: dir, signal: new AbortController().signal });
    try {
      return cache.key(backend.cacheFingerprint!(), { ...screenshot, sampling: backend.sampling ?? {} });
    } finally {
      await backend.close!();
    }
  }

  afterEach(() => vi.unstubAllEnvs());
  afterAll(async () => {
    await Promise.all(opened.map((backend) => backend.close?.()));
    fake.kill();
  });

  it("hits for the same weights, template and build, and misses when any of them changes", async () => {
    const first = await key("", "b100-abc");
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    cache.put(first, reply);
    expect(cache.get(await key("", "b100-abc"))).toEqual(reply);

    // Another build of the server.
    expect(cache.get(await key("", "b101-def"))).toBeUndefined();
    // Another prompt template (both exact templates, both through /completion).
    const chatml = await key("&profile=chatml", "b100-abc");
    const llava = await key("&profile=llava-v1.5", "b100-abc");
    expect(new Set([first, chatml, llava]).size).toBe(3);
    // Other weights in the same file: its modification time changes, so it is hashed again.
    writeFileSync(model, "GGUF weights, version 2");
    utimesSync(model, new Date(), new Date(Date.now() + 5000));
    expect(cache.get(await key("", "b100-abc"))).toBeUndefined();
    expect(fake.running()).toEqual([]);
  });
});
