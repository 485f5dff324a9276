import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LlamaServer } from "../../../src/model/llama-server/process.js";
import { tempDir } from "../../helpers/dataset.js";
import { FAKE_LLAMA_SERVER, fakeLlama } from "../../helpers/fake-llama.js";

describe("LlamaServer.start", () => {
  const fake = fakeLlama();
  afterEach(() => {
    vi.unstubAllEnvs();
    fake.kill();
  });

  it("gives up on a server that does not become ready in time, says so, and stops it", async () => {
    for (const [name, value] of Object.entries(fake.env("never-ready"))) vi.stubEnv(name, value);
    const dir = tempDir();
    const logFile = join(dir, "llama-server.log");
    const started = Date.now();
    await expect(
      LlamaServer.start({
        binary: FAKE_LLAMA_SERVER,
        model: join(dir, "model.gguf"),
        slots: 1,
        contextPerSlot: 512,
        logFile,
        readyTimeoutMs: 1500,
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(`llama-server did not become ready within 1.5 s (log: ${logFile})`);
    // It waited its time, polling, and no longer.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fake.running()).toEqual([]);
    expect(readFileSync(logFile, "utf8")).toBe("");
  });
});
