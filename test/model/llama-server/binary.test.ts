import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findLlamaServer } from "../../../src/model/llama-server/binary.js";
import { cachedBuilds } from "../../../src/model/llama-server/build.js";
import { tempDir } from "../../helpers/dataset.js";

function executable(path: string): string {
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, 0o755);
  return path;
}

/** A cache holding builds as `setup llama-server` records them. */
function cacheWith(builds: Array<{ variant: "cpu" | "cuda"; builtAt: string }>): string {
  const root = tempDir("w2c-cache-");
  for (const [i, build] of builds.entries()) {
    const dir = join(root, "llama-server", `v0.4.0-abc-${build.variant}-${i}`);
    mkdirSync(dir, { recursive: true });
    const path = executable(join(dir, "llama-server"));
    writeFileSync(
      join(dir, "build.json"),
      JSON.stringify({ path, tag: "v0.4.0", sourceSha256: "abc", variant: build.variant, builtAt: build.builtAt, seconds: 1 }),
    );
  }
  return root;
}

describe("findLlamaServer", () => {
  afterEach(() => vi.unstubAllEnvs());
  const bin = tempDir("w2c-bin-");
  const onPath = executable(join(bin, "llama-server"));
  const cache = cacheWith([
    { variant: "cpu", builtAt: "2026-11-01T00:00:00Z" },
    { variant: "cuda", builtAt: "2026-10-01T00:00:00Z" },
  ]);

  it("takes the spec's bin=, then LLAMA_SERVER_PATH, then PATH, then the cache", () => {
    vi.stubEnv("PATH", bin);
    vi.stubEnv("LLAMA_SERVER_PATH", "/opt/llama/llama-server");
    expect(findLlamaServer(cache, "/given/llama-server")).toEqual({ path: "/given/llama-server", source: "given" });
    expect(findLlamaServer(cache)).toEqual({ path: "/opt/llama/llama-server", source: "LLAMA_SERVER_PATH" });
    vi.stubEnv("LLAMA_SERVER_PATH", "");
    expect(findLlamaServer(cache)).toEqual({ path: onPath, source: "PATH" });
    vi.stubEnv("PATH", "/nonexistent");
    expect(findLlamaServer(cache)?.source).toBe("cache");
    expect(findLlamaServer(tempDir())).toBeUndefined();
  });

  it("prefers a CUDA build only where an NVIDIA GPU answers", () => {
    vi.stubEnv("LLAMA_SERVER_PATH", "");
    vi.stubEnv("PATH", "/nonexistent");
    expect(findLlamaServer(cache)?.path).toMatch(/-cpu-0\/llama-server$/);
    const gpuBin = tempDir("w2c-bin-");
    executable(join(gpuBin, "nvidia-smi"));
    vi.stubEnv("PATH", gpuBin);
    expect(findLlamaServer(cache)?.path).toMatch(/-cuda-1\/llama-server$/);
  });
});

describe("cachedBuilds", () => {
  it("lists recorded builds newest first and skips folders without a usable record", () => {
    const cache = cacheWith([
      { variant: "cpu", builtAt: "2026-01-01T00:00:00Z" },
      { variant: "cpu", builtAt: "2026-02-01T00:00:00Z" },
    ]);
    mkdirSync(join(cache, "llama-server", "half-made"));
    writeFileSync(join(cache, "llama-server", "half-made", "build.json"), "{");
    expect(cachedBuilds(cache).map((build) => build.builtAt)).toEqual(["2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z"]);
  });
});
