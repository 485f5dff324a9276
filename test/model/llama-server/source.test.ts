import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findLlamaSource, packedLlamaSource } from "../../../src/model/llama-server/source.js";

describe("llama.cpp source for the llama-server build", () => {
  it("comes from the installed node-llama-cpp, or else from its package on the npm registry, the same bundle either way", () => {
    const logged: string[] = [];
    const installed = findLlamaSource((line) => logged.push(line));
    expect(installed).toMatchObject({ tag: "v0.4.0", from: "installed node-llama-cpp", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(logged).toEqual([]);
    const packed = packedLlamaSource();
    expect(existsSync(packed.bundle)).toBe(true);
    expect(packed).toMatchObject({ tag: installed.tag, sha256: installed.sha256, from: "npm pack" });
    packed.dispose();
    expect(existsSync(packed.bundle)).toBe(false);
  }, 120_000);
});
