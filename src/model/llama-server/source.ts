import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./shell.js";

/** The node-llama-cpp release whose bundled llama.cpp source the tool builds and is tested with. */
export const NODE_LLAMA_CPP_VERSION = "3.21.1";

/** llama.cpp's source as node-llama-cpp ships it: a git bundle and the release it came from. */
export interface LlamaSource {
  bundle: string;
  /** The llama.cpp release tag and the bundle's content hash: together they key the build cache. */
  tag: string;
  sha256: string;
  from: "installed node-llama-cpp" | "npm pack";
  /** Removes a fetched copy; nothing for the installed package. */
  dispose(): void;
}

/**
 * The llama.cpp source inside the installed node-llama-cpp package; when it is not installed (it is
 * an optional dependency), its package tarball alone is fetched from the npm registry (35 MB,
 * none of its 700 MB of prebuilt binaries).
 */
export function findLlamaSource(log: (line: string) => void): LlamaSource {
  const installed = installedPackageRoot();
  if (installed) return sourceIn(installed, "installed node-llama-cpp");
  log(`node-llama-cpp is not installed: fetching node-llama-cpp@${NODE_LLAMA_CPP_VERSION}'s package for its llama.cpp source`);
  return packedLlamaSource();
}

/** The source out of node-llama-cpp's package tarball, fetched with `npm pack` into a temporary folder. */
export function packedLlamaSource(): LlamaSource {
  const dir = mkdtempSync(join(tmpdir(), "web2code-llama-src-"));
  const tarball = run("npm", ["pack", `node-llama-cpp@${NODE_LLAMA_CPP_VERSION}`, "--pack-destination", dir, "--silent"], { cwd: dir })
    .trim()
    .split("\n")
    .pop()!;
  run("tar", ["-xzf", join(dir, tarball), "-C", dir, "package/llama/gitRelease.bundle", "package/llama/binariesGithubRelease.json"]);
  return { ...sourceIn(join(dir, "package"), "npm pack"), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The installed node-llama-cpp's version, or undefined when it is not installed. */
export function installedNodeLlamaCppVersion(): string | undefined {
  const root = installedPackageRoot();
  return root && (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
}

function installedPackageRoot(): string | undefined {
  try {
    let dir = dirname(fileURLToPath(import.meta.resolve("node-llama-cpp")));
    while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "llama"))) {
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
    return dir;
  } catch {
    return undefined;
  }
}

function sourceIn(root: string, from: LlamaSource["from"]): LlamaSource {
  const bundle = join(root, "llama", "gitRelease.bundle");
  // The release node-llama-cpp's binaries were built from, which is the bundle's source.
  const info = JSON.parse(readFileSync(join(root, "llama", "binariesGithubRelease.json"), "utf8")) as { release?: string };
  const sha256 = createHash("sha256").update(readFileSync(bundle)).digest("hex");
  return { bundle, tag: info.release ?? "unknown", sha256, from, dispose: () => undefined };
}
