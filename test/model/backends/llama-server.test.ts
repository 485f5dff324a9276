import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelSpecError } from "../../../src/model/errors.js";
import type { ModelBackend } from "../../../src/model/types.js";
import { llamaServerBinary, testServerPids, tinyVisionModel } from "../../helpers/llama-server.js";
import { CONTEXT, createModel, request } from "./request.js";

const signal = new AbortController().signal;

/** A distinct small screenshot per call: identical images would hit the server's prompt cache. */
function screenshot(shade: number): Buffer {
  const png = new PNG({ width: 48, height: 40 });
  png.data.fill(shade);
  return PNG.sync.write(png);
}

describe("llama-server backend (a real llama-server on a tiny random model with an image projector)", () => {
  const { dir, model, mmproj } = tinyVisionModel();
  const bin = llamaServerBinary();
  const backends: ModelBackend[] = [];

  async function opened(query: string, concurrency = 2): Promise<ModelBackend> {
    const backend = await createModel(`llama-server:${model}?mmproj=${mmproj}&bin=${bin}&threads=1&max_tokens=24${query}`, CONTEXT);
    backends.push(backend);
    await backend.open!({ concurrency, logDir: dir, signal });
    return backend;
  }
  afterAll(async () => {
    await Promise.all(backends.map((backend) => backend.close?.()));
  });

  describe("with the server's chat template", () => {
    let backend: ModelBackend;
    beforeAll(async () => {
      backend = await opened("&np=2");
    });

    it("records the server it started: build, slots, context per slot, weights' hashes", () => {
      expect(backend.describe()).toMatchObject({
        kind: "llama-server",
        identity: {
          endpoint: "/v1/chat/completions",
          server: { build: expect.stringMatching(/\S/), contextPerSlot: 2048 },
          weights: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), mmprojSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        },
        placement: { server: { binary: bin, slots: 2, log: join(dir, "llama-server.log") }, weights: { path: model, mmproj } },
      });
    });

    it("answers two screenshots at once, each with the server's timings", async () => {
      const replies = await Promise.all(
        [1, 2].map((i) => backend.generate(request({ image: screenshot(i * 60), sampling: backend.sampling }), signal)),
      );
      for (const reply of replies) {
        expect(reply).toMatchObject({ ok: true, finishReason: "length", maxTokens: 24, usage: { completion: 24 } });
        expect(reply.ok && reply.timings?.predicted_n).toBe(24);
        expect(reply.ok && reply.tokensPerSecond).toBeGreaterThan(0);
        // The image went through the projector: its patches count as prompt tokens.
        expect(reply.ok && reply.usage?.prompt).toBeGreaterThan(16);
      }
    });
  });

  it("sends an exact template through /completion with the image at the media marker", async () => {
    const backend = await opened("&profile=llava-v1.5&np=1", 1);
    expect(backend.describe()).toMatchObject({
      identity: { endpoint: "/completion", profile: { name: "llava-v1.5" } },
      placement: { server: { slots: 1 } },
    });
    const reply = await backend.generate(request({ image: screenshot(200), sampling: backend.sampling }), signal);
    expect(reply.ok || reply.error).toBe(true);
    expect(reply).toMatchObject({ ok: true, finishReason: "length", usage: { completion: 24 } });
    expect(reply.ok && reply.usage?.prompt).toBeGreaterThan(16);
  });

  it("serves no more requests at once than it has slots", async () => {
    const backend = await createModel(`llama-server:${model}?mmproj=${mmproj}&bin=${bin}&threads=1&np=1`, CONTEXT);
    backends.push(backend);
    expect(await backend.open!({ concurrency: 4, logDir: dir, signal })).toEqual({ maxConcurrency: 1 });
  });

  it("stops its server on close", async () => {
    const backend = await opened("&np=1", 1);
    const before = testServerPids().length;
    await backend.close!();
    expect(testServerPids().length).toBe(before - 1);
  });

  it("fails every sample at once with the server's reason when the server dies during the run", async () => {
    const before = new Set(testServerPids());
    const backend = await opened("&np=1", 1);
    const [pid] = testServerPids().filter((p) => !before.has(p));
    process.kill(pid!, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const reply = await backend.generate(request({ image: screenshot(10), sampling: backend.sampling }), signal);
    expect(reply).toMatchObject({
      ok: false,
      status: "generation_error",
      error: expect.stringMatching(/^llama-server stopped during the run \(exit SIGKILL\): .+/),
    });
    expect(Date.now() - started).toBeLessThan(100);
  });

  it("says which file a server could not load, with the server's own words", async () => {
    const broken = join(dir, "broken.gguf");
    writeFileSync(broken, "GGUF but not really");
    const backend = await createModel(`llama-server:${broken}?mmproj=${mmproj}&bin=${bin}&threads=1`, CONTEXT);
    const opening = backend.open!({ concurrency: 1, logDir: dir, signal });
    await expect(opening).rejects.toThrow(ModelSpecError);
    await expect(opening).rejects.toThrow(new RegExp(`llama-server ${bin} stopped while loading ${broken} \\(exit 1\\): .+`));
  });

  it("refuses a binary that does not exist", async () => {
    const backend = await createModel(`llama-server:${model}?mmproj=${mmproj}&bin=/nonexistent/llama-server`, CONTEXT);
    await expect(backend.open!({ concurrency: 1, logDir: dir, signal })).rejects.toThrow(
      /llama-server \/nonexistent\/llama-server stopped while loading .*spawn \/nonexistent\/llama-server ENOENT/,
    );
  });
});
