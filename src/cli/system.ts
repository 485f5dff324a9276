import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** The full path of a program on PATH, or null. */
export function which(program: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, program);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Runs a program to completion; its trimmed stdout, or null when it failed. */
export function capture(program: string, args: string[], timeoutMs = 10_000): string | null {
  const result = spawnSync(program, args, { encoding: "utf8", timeout: timeoutMs });
  return result.status === 0 ? result.stdout.trim() : null;
}
