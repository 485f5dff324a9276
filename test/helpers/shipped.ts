import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CliResult } from "./cli.js";
import { tempDir } from "./dataset.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/** The checkout's dist/ when it was built after the last change to src/ (`.ci/run` builds it first), else null. */
function freshBuild(): string | null {
  const dist = join(REPO, "dist");
  const entry = join(dist, "cli", "main.js");
  if (!existsSync(entry)) return null;
  const built = statSync(entry).mtimeMs;
  const sources = readdirSync(join(REPO, "src"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
  const stale = sources.some((file) => {
    const output = join(dist, file.replace(/\.ts$/, ".js"));
    return !existsSync(output) || statSync(join(REPO, "src", file)).mtimeMs > built;
  });
  return stale ? null : dist;
}

/**
 * The package as npm ships it, in a folder of its own: `npm run build`'s output (the checkout's
 * dist/ when it is up to date, else built here, so that it is always this checkout's code) and the
 * files package.json's `files` lists, with the checkout's node_modules. Returns the path of its
 * bin, which users run.
 */
export async function shippedProgram(): Promise<string> {
  const root = tempDir("w2c-shipped-");
  const dist = freshBuild();
  if (dist) cpSync(dist, join(root, "dist"), { recursive: true });
  else {
    const build = await run(process.execPath, [TSC, "-p", join(REPO, "tsconfig.build.json"), "--outDir", join(root, "dist")]);
    if (build.code !== 0) throw new Error(`the build failed: ${build.stdout}${build.stderr}`);
  }
  const manifest = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { files: string[]; bin: Record<string, string> };
  for (const entry of manifest.files.filter((file) => file !== "dist")) {
    mkdirSync(join(root, entry, ".."), { recursive: true });
    cpSync(join(REPO, entry), join(root, entry), { recursive: true });
  }
  cpSync(join(REPO, "package.json"), join(root, "package.json"));
  symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
  return join(root, manifest.bin["web2code-eval"]!);
}

/** Runs the shipped program as a user would: plain node, no TypeScript loader. */
export function runShipped(bin: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return run(process.execPath, [bin, ...args], options);
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
