import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelIdentity, readResults, RunInputError } from "../../src/results/index.js";
import { upgradeModelV1 } from "../../src/results/upgrade-v1.js";
import { tempDir } from "../helpers/dataset.js";
import { results, record } from "../helpers/runs.js";

describe("upgradeModelV1", () => {
  it("moves a llama-server model's paths, binary, slots and log under placement, keeping hashes and build", () => {
    const v1 = {
      id: "llama-server-m",
      kind: "llama-server",
      spec: "llama-server:/w/m.gguf?mmproj=/w/p.gguf&np=2",
      backend: "llama-server",
      sampling: { temperature: 0 },
      server: {
        binary: "/bin/ls",
        from: "PATH",
        build: "b1",
        slots: 2,
        contextPerSlot: 2048,
        gpuLayers: "all",
        log: "/r/llama-server.log",
      },
      weights: { path: "/w/m.gguf", sha256: "aa", mmproj: "/w/p.gguf", mmprojSha256: "bb" },
    };
    const upgraded = upgradeModelV1(v1);
    expect(upgraded).toEqual({
      id: "llama-server-m",
      kind: "llama-server",
      spec: "llama-server:/w/m.gguf?mmproj=/w/p.gguf&np=2",
      backend: "llama-server",
      sampling: { temperature: 0 },
      server: { build: "b1", contextPerSlot: 2048 },
      weights: { sha256: "aa", mmprojSha256: "bb" },
      placement: {
        server: { binary: "/bin/ls", from: "PATH", slots: 2, gpuLayers: "all", log: "/r/llama-server.log" },
        weights: { path: "/w/m.gguf", mmproj: "/w/p.gguf" },
      },
    });
    // The input is not changed.
    expect(v1.server.binary).toBe("/bin/ls");
  });

  it("moves an openai model's endpoint and key variable, and node-llama-cpp's threads and GPU", () => {
    expect(upgradeModelV1({ id: "o", kind: "openai", spec: "s", model: "m", baseUrl: "http://h/v1", apiKeyFrom: "K" })).toEqual({
      id: "o",
      kind: "openai",
      spec: "s",
      model: "m",
      placement: { baseUrl: "http://h/v1", apiKeyFrom: "K" },
    });
    const llama = upgradeModelV1({ id: "l", kind: "llama", spec: "s", runtime: { version: "3.21.1", gpu: false, threads: 2, log: "/x" } });
    expect(modelIdentity({ ...llama, id: "l", kind: "llama", spec: "s", placement: llama.placement as Record<string, unknown> })).toEqual({
      id: "l",
      kind: "llama",
      runtime: { version: "3.21.1" },
    });
  });
});

describe("readResults", () => {
  it("refuses a results.json from a newer tool, naming the versions", () => {
    const file = join(tempDir(), "results.json");
    writeFileSync(file, JSON.stringify({ ...results("m", [record("a", 1)]), schemaVersion: 3 }));
    expect(() => readResults(file)).toThrow(RunInputError);
    expect(() => readResults(file)).toThrow(`${file}: results schema version 3 is newer than this tool reads (2); update web2code-eval`);
  });
});
