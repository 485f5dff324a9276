import { spawnSync, type SpawnSyncOptions } from "node:child_process";

/** Runs a program to the end and returns its stdout; throws with its last stderr line when it fails. */
export function run(program: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(program, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${program}: ${result.error.message}`);
  if (result.status !== 0) {
    const detail =
      String(result.stderr ?? "")
        .trim()
        .split("\n")
        .pop() ?? "";
    throw new Error(
      `${program} ${args.slice(0, 2).join(" ")} failed (exit ${result.status ?? result.signal})${detail ? `: ${detail}` : ""}`,
    );
  }
  return String(result.stdout ?? "");
}
