import { accessSync, constants } from "node:fs";
import which from "which";
import { cachedBuilds } from "./build.js";

export interface FoundBinary {
  path: string;
  source: "given" | "LLAMA_SERVER_PATH" | "PATH" | "cache";
}

/** How to get a llama-server when none is found: one line for error messages and doctor. */
export const LLAMA_SERVER_HINT =
  "run `web2code-eval setup llama-server` (builds it offline, 6–9 minutes on 2 cores), put llama-server on PATH, or give its path with bin=PATH or LLAMA_SERVER_PATH";

/**
 * The llama-server to run: the spec's `bin=`, else `LLAMA_SERVER_PATH`, else one on PATH, else the
 * newest build of `setup llama-server` (a CUDA one where an NVIDIA GPU is present).
 */
export function findLlamaServer(cacheRoot: string, given?: string): FoundBinary | undefined {
  if (given) return { path: given, source: "given" };
  const fromEnv = process.env.LLAMA_SERVER_PATH;
  if (fromEnv) return { path: fromEnv, source: "LLAMA_SERVER_PATH" };
  const onPath = which.sync("llama-server", { nothrow: true });
  if (onPath) return { path: onPath, source: "PATH" };
  const builds = cachedBuilds(cacheRoot).filter((build) => isExecutable(build.path));
  const hasGpu = which.sync("nvidia-smi", { nothrow: true }) !== null;
  const best =
    (hasGpu ? builds.find((build) => build.variant === "cuda") : undefined) ?? builds.find((build) => build.variant === "cpu") ?? builds[0];
  return best && { path: best.path, source: "cache" };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
