import { spawnSync } from "node:child_process";
import type { Output } from "./output.js";

/** Lines of apt-get's own output shown when it fails: its error is at the end. */
const SHOWN_LINES = 30;

/**
 * Installs Debian packages with apt-get, quietly: its progress (package lists, unpacking,
 * debconf) is kept back and shown, on stderr, only for a step that failed. Returns whether the
 * packages were installed.
 */
export function aptInstall(packages: readonly string[], output: Output): boolean {
  const steps = [
    ["update", "-qq"],
    ["install", "-y", "-qq", ...packages],
  ];
  let installed = false;
  for (const args of steps) {
    const result = spawnSync("apt-get", args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      maxBuffer: 64 * 1024 * 1024,
    });
    installed = result.status === 0;
    if (installed) continue;
    const said = [result.stdout, result.stderr]
      .map((text) => text?.trim() ?? "")
      .filter(Boolean)
      .join("\n")
      .split("\n")
      .slice(-SHOWN_LINES)
      .join("\n");
    const why = result.error ? result.error.message : `exit ${result.status ?? result.signal}`;
    // A failed update may leave the lists of an earlier one, enough to install from: the install step still runs.
    output.log(`apt-get ${args[0]} failed (${why})${said ? `:\n${said}` : ""}`);
  }
  return installed;
}
