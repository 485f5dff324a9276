import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BROWSER_HINT } from "../../src/render/browser-path.js";
import { TSX_LOADER } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";
import { mountNamespace } from "../helpers/mount.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

/**
 * Runs the CLI where no browser can be found: in a private mount namespace with an empty tmpfs over
 * /usr/bin (where the system's Chromium lives), node kept at a path of its own by a bind mount, no
 * CHROME_PATH and an empty puppeteer cache.
 */
function runWithoutBrowser(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!("unshare" in mountNamespace)) throw new Error(mountNamespace.reason);
  const node = join(tempDir("w2c-node-"), "node");
  writeFileSync(node, "");
  const script = 'node="$1"; keep="$2"; shift 2; mount --bind "$node" "$keep" && mount -t tmpfs tmpfs /usr/bin && exec "$keep" "$@"';
  const child = spawn(
    "unshare",
    [...mountNamespace.unshare, "sh", "-c", script, "sh", process.execPath, node, "--import", TSX_LOADER, MAIN, ...args],
    {
      env: {
        ...process.env,
        CHROME_PATH: "",
        PUPPETEER_EXECUTABLE_PATH: "",
        PUPPETEER_CACHE_DIR: tempDir("w2c-puppeteer-"),
        WEB2CODE_CACHE_DIR: tempDir("w2c-cache-"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("no browser on the machine", () => {
  const why = "unshare" in mountNamespace ? "" : `no private mount namespace here to hide the browser in (${mountNamespace.reason})`;

  it("run: exit 1, one line saying how to get one, no run folder", async ({ skip }) => {
    skip(why !== "", why);
    const out = join(tempDir(), "run");
    const result = await runWithoutBrowser(["run", "--model", "blank", "--dataset", "mini", "--limit", "1", "--out", out]);
    expect(result.stderr).toBe(`web2code-eval: ${BROWSER_HINT}\n`);
    expect(result.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("doctor: says what is missing and how to get it", async ({ skip }) => {
    skip(why !== "", why);
    const result = await runWithoutBrowser(["doctor", "--json"]);
    const checks = JSON.parse(result.stdout) as Array<{ name: string; ok: boolean; detail: string }>;
    expect(checks.find((check) => check.name === "browser")).toEqual({
      name: "browser",
      ok: false,
      detail: "none found",
      fix: BROWSER_HINT,
    });
  }, 60_000);
});
