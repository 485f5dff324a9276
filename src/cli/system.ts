import { spawnSync } from "node:child_process";
import whichPackage from "which";

/** The full path of a program on PATH, or null. */
export function which(program: string): string | null {
  return whichPackage.sync(program, { nothrow: true });
}

/** Runs a program to completion; its trimmed stdout (or stderr, where llama.cpp's tools write), or null when it failed. */
export function capture(program: string, args: string[], from: "stdout" | "stderr" = "stdout", timeoutMs = 10_000): string | null {
  const result = spawnSync(program, args, { encoding: "utf8", timeout: timeoutMs });
  return result.status === 0 ? result[from].trim() : null;
}
