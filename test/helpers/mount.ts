import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./dataset.js";

/**
 * A full disk and a read-only file system, for real, where permission bits cannot fake them (root
 * reads and writes through chmod): a small tmpfs mounted in a private mount namespace
 * (`unshare -m` as root, `unshare -rm` through a user namespace otherwise). The mount lives only as
 * long as the command, so nothing is left mounted, whatever happens to the test.
 */

const NAMESPACES = [["-m"], ["-r", "-m"]];

/** How to get a private mount namespace here, or why there is none. */
export const mountNamespace: { unshare: string[] } | { reason: string } = (() => {
  const point = join(tempDir("w2c-mount-"), "probe");
  mkdirSync(point);
  const reasons: string[] = [];
  for (const flags of NAMESPACES) {
    const result = spawnSync("unshare", [...flags, "sh", "-c", 'mount -t tmpfs -o size=64k tmpfs "$1" && touch "$1/x"', "sh", point], {
      encoding: "utf8",
    });
    if (result.status === 0) return { unshare: flags };
    reasons.push(`unshare ${flags.join(" ")}: ${(result.error?.message ?? result.stderr).trim() || `exit ${result.status}`}`);
  }
  return { reason: reasons.join("; ") };
})();

export interface MountedResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** What the tmpfs holds after the command, `ls -A` (besides the file that fills it). */
  after: string[];
}

/**
 * Runs `command(mountPoint)` (argv) with a fresh 256 KiB tmpfs at `mountPoint`: `full` fills it
 * to the last byte first (after `prepare`, shell lines run in it); `read-only` mounts it read-only
 * (after `prepare`, through a remount).
 */
export function runOnTmpfs(
  mode: "full" | "read-only",
  command: (mountPoint: string) => string[],
  options: { prepare?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<MountedResult> {
  if (!("unshare" in mountNamespace)) throw new Error(`no private mount namespace here: ${mountNamespace.reason}`);
  const base = tempDir("w2c-mount-");
  const point = join(base, "disk");
  mkdirSync(point);
  const listing = join(base, "listing");
  const script = [
    'point="$1"; listing="$2"; shift 2',
    'mount -t tmpfs -o size=256k tmpfs "$point" || exit 90',
    `(cd "$point" && ${options.prepare ?? ":"}) || exit 91`,
    mode === "full"
      ? // head stops at "No space left on device": the disk is then full to the last block.
        'head -c 1048576 /dev/zero > "$point/.fill" 2>/dev/null; [ -s "$point/.fill" ] || exit 92'
      : 'mount -o remount,ro "$point" || exit 93',
    '"$@"; code=$?',
    'ls -A "$point" | grep -vx .fill > "$listing"',
    "exit $code",
  ].join("\n");
  const args = [...mountNamespace.unshare, "sh", "-c", script, "sh", point, listing, ...command(point)];
  return new Promise((resolve, reject) => {
    const child = spawn("unshare", args, { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== null && code >= 90 && code <= 93) {
        reject(new Error(`setting up the tmpfs failed (exit ${code}): ${stderr}`));
        return;
      }
      const after = readFileSync(listing, "utf8").split("\n").filter(Boolean);
      resolve({ code, stdout, stderr, after });
    });
  });
}
