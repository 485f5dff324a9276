import { spawn } from "node:child_process";

export interface OrphanGuardOptions {
  /** Kill the child's whole process group (a browser and its helpers), not the child alone. */
  group?: boolean;
  signal?: "TERM" | "KILL";
  /** A folder of the child's (a browser profile) removed after it is ended. */
  removeDir?: string;
}

/**
 * A SIGKILL of this process skips every exit handler: a small detached shell outlives it, sees it
 * gone (within a second) and ends the child, so nothing is left running. The shell ends by itself
 * when the child ends first.
 */
export function killWhenOrphaned(pid: number, options: OrphanGuardOptions = {}): void {
  if (process.platform === "win32") return;
  const target = options.group ? '-- "-$2"' : '"$2"';
  const script =
    'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; ' +
    `if ! kill -0 "$1" 2>/dev/null; then kill -s ${options.signal ?? "TERM"} ${target} 2>/dev/null; fi; ` +
    'if [ -n "$3" ]; then rm -rf -- "$3"; fi';
  spawn("sh", ["-c", script, "sh", String(process.pid), String(pid), options.removeDir ?? ""], { detached: true, stdio: "ignore" }).unref();
}
