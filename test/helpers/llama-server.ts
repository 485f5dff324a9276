import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findLlamaServer } from "../../src/model/llama-server/binary.js";
import { cacheDir } from "../../src/runner/cache-dir.js";
import { tempDir } from "./dataset.js";
import { writeTinyProjector, writeTinyTextModel } from "./gguf.js";

/** Where tests write their tiny models: process listings are matched against this prefix. */
export const GGUF_DIR_PREFIX = "w2c-gguf-";

/**
 * The llama-server the tests run: the one `setup llama-server` built (`.ci/run` builds it first),
 * or one on PATH or in LLAMA_SERVER_PATH. Without one the tests fail and say how to get it.
 */
export function llamaServerBinary(): string {
  const found = findLlamaServer(cacheDir());
  if (!found)
    throw new Error("no llama-server for the tests: run `node bin/web2code-eval.js setup llama-server` first (scripts/setup.sh does)");
  return found.path;
}

/** A tiny text model and its image projector in a fresh folder. */
export function tinyVisionModel(): { dir: string; model: string; mmproj: string } {
  const dir = tempDir(GGUF_DIR_PREFIX);
  return { dir, model: writeTinyTextModel(join(dir, "tiny.gguf")), mmproj: writeTinyProjector(join(dir, "tiny-mmproj.gguf")) };
}

/** Running llama-server processes serving a test model (a model under a tests' folder). */
export function testServerPids(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(join("/proc", pid, "cmdline"), "utf8").split("\0");
        return args[0]?.endsWith("llama-server") === true && args.some((arg) => arg.includes(GGUF_DIR_PREFIX));
      } catch {
        return false;
      }
    })
    .map(Number);
}
