import { spawn } from "node:child_process";
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import which from "which";
import type { LlamaSource } from "./source.js";

export type BuildVariant = "cpu" | "cuda";

/** A llama-server built by `setup llama-server`, as recorded beside the binary. */
export interface LlamaServerBuild {
  path: string;
  tag: string;
  sourceSha256: string;
  variant: BuildVariant;
  builtAt: string;
  seconds: number;
}

/**
 * CMake options for llama-server alone, with no network at build time: no web UI download, no
 * HTTPS, no curl; static so the binary moves as one file.
 */
const CMAKE_OPTIONS = [
  "-DCMAKE_BUILD_TYPE=Release",
  "-DBUILD_SHARED_LIBS=OFF",
  "-DLLAMA_BUILD_TESTS=OFF",
  "-DLLAMA_BUILD_EXAMPLES=OFF",
  "-DLLAMA_BUILD_APP=OFF",
  "-DLLAMA_BUILD_TOOLS=ON",
  "-DLLAMA_BUILD_SERVER=ON",
  "-DLLAMA_BUILD_UI=OFF",
  "-DLLAMA_USE_PREBUILT_UI=OFF",
  "-DLLAMA_OPENSSL=OFF",
  "-DLLAMA_CURL=OFF",
];
const BUILD_TOOLS = ["git", "cmake", "c++"];

export function buildsDir(cacheRoot: string): string {
  return join(cacheRoot, "llama-server");
}

/** The builds in the cache, newest first. */
export function cachedBuilds(cacheRoot: string): LlamaServerBuild[] {
  const root = buildsDir(cacheRoot);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => !name.startsWith("."))
    .flatMap((name) => {
      try {
        const build = JSON.parse(readFileSync(join(root, name, "build.json"), "utf8")) as LlamaServerBuild;
        return existsSync(build.path) ? [build] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.builtAt.localeCompare(a.builtAt));
}

export function missingBuildTools(variant: BuildVariant): string[] {
  return [...BUILD_TOOLS, ...(variant === "cuda" ? ["nvcc"] : [])].filter((tool) => !which.sync(tool, { nothrow: true }));
}

export interface BuildOptions {
  cacheRoot: string;
  source: LlamaSource;
  variant: BuildVariant;
  /** Build even when this source and variant are in the cache. */
  force?: boolean;
  log: (line: string) => void;
}

/**
 * Builds llama-server from the bundled llama.cpp source into the cache, keyed by the source's
 * release and hash and the variant, and reuses that build afterwards. The build happens in a
 * scratch folder renamed into place at the end, so an interrupted build leaves nothing half-made.
 */
export async function buildLlamaServer(options: BuildOptions): Promise<{ build: LlamaServerBuild; reused: boolean }> {
  const { source, variant, log } = options;
  const key = `${source.tag}-${source.sha256.slice(0, 12)}-${variant}`;
  const target = join(buildsDir(options.cacheRoot), key);
  const recorded = cachedBuilds(options.cacheRoot).find((build) => build.path === join(target, "llama-server"));
  if (recorded && !options.force) return { build: recorded, reused: true };
  const missing = missingBuildTools(variant);
  if (missing.length)
    throw new Error(
      `cannot build llama-server: ${missing.join(", ")} not found (on Debian: apt-get install git cmake g++${variant === "cuda" ? " and the CUDA toolkit" : ""})`,
    );

  const scratch = join(buildsDir(options.cacheRoot), `.build-${key}-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  // Beside the scratch folder, so a failed build's log survives it.
  const logFile = join(buildsDir(options.cacheRoot), `${key}.build.log`);
  rmSync(logFile, { force: true });
  const started = performance.now();
  try {
    const jobs = String(availableParallelism());
    const ninja = which.sync("ninja", { nothrow: true }) ? ["-G", "Ninja"] : [];
    log(`building llama-server (${variant}) from llama.cpp ${source.tag} with ${jobs} jobs; log: ${logFile}`);
    await step(logFile, "git", ["clone", "--quiet", source.bundle, join(scratch, "src")], log);
    const cmakeOptions = [...CMAKE_OPTIONS, ...(variant === "cuda" ? ["-DGGML_CUDA=ON"] : [])];
    await step(logFile, "cmake", ["-S", join(scratch, "src"), "-B", join(scratch, "build"), ...ninja, ...cmakeOptions], log);
    await step(logFile, "cmake", ["--build", join(scratch, "build"), "--target", "llama-server", "-j", jobs], log);
    const staged = join(scratch, "out");
    mkdirSync(staged);
    cpSync(join(scratch, "build", "bin", "llama-server"), join(staged, "llama-server"));
    renameSync(logFile, join(staged, "build.log"));
    const build: LlamaServerBuild = {
      path: join(target, "llama-server"),
      tag: source.tag,
      sourceSha256: source.sha256,
      variant,
      builtAt: new Date().toISOString(),
      seconds: Math.round((performance.now() - started) / 1000),
    };
    writeFileSync(join(staged, "build.json"), `${JSON.stringify({ ...build, cmakeOptions }, null, 2)}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(staged, target);
    return { build, reused: false };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One build step, its output appended to the log; progress (`[n/N]` lines) reported every tenth. */
function step(logFile: string, program: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(logFile, { flags: "a" });
    out.write(`$ ${program} ${args.join(" ")}\n`);
    const child = spawn(program, args, { stdio: ["ignore", "pipe", "pipe"] });
    let reported = 0;
    let lastLine = "";
    const onData = (chunk: Buffer) => {
      out.write(chunk);
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        lastLine = line;
        const progress = /^\[(\d+)\/(\d+)\]/.exec(line) ?? /^\[\s*(\d+)%\]/.exec(line);
        if (!progress) continue;
        const percent = progress[2] ? (100 * Number(progress[1])) / Number(progress[2]) : Number(progress[1]);
        if (percent >= reported + 10) {
          reported = Math.floor(percent / 10) * 10;
          log(`llama-server build: ${reported}%`);
        }
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (error) => out.end(() => reject(new Error(`${program}: ${error.message}`))));
    child.on("close", (code) =>
      out.end(() =>
        code === 0 ? resolve() : reject(new Error(`${program} ${args[0]} failed (exit ${code}): ${lastLine} (log: ${logFile})`)),
      ),
    );
  });
}
