import childProcess, { ChildProcess } from "node:child_process";
import { basename } from "node:path";
import { syncBuiltinESMExports } from "node:module";
import { afterEach, vi } from "vitest";

/**
 * The unit tier's setup file: a unit test starts no process and loads no model runtime (test/tiers.ts).
 * Whatever would start one (Chromium through puppeteer, the CLI, llama-server, a shell) throws here,
 * and the test fails even when the code under test catches that error. The fix is to list the file
 * in test/tiers.ts (browser or e2e), or to keep the process out of the test.
 */

/** One-shot file-system tools a unit test may run synchronously (a FIFO has no Node API). */
const ALLOWED_TOOLS = new Set(["mkfifo"]);

const refusals: string[] = [];

function refuse(what: string): never {
  const message =
    `unit tier: this test ${what}; a unit test starts no process and loads no model runtime. ` +
    "List its file in test/tiers.ts (BROWSER_TESTS for Chromium or another process, E2E_TESTS for a model runtime).";
  refusals.push(message);
  throw new Error(message);
}

// Every asynchronous child process (spawn, exec, execFile, fork, and so puppeteer's launch) goes through here.
Object.defineProperty(ChildProcess.prototype, "spawn", {
  configurable: true,
  writable: true,
  value: (options: { file?: string } | undefined) => refuse(`started a process (${options?.file ?? "unknown"})`),
});

for (const name of ["spawnSync", "execFileSync", "execSync"] as const) {
  const original = childProcess[name] as (...args: unknown[]) => unknown;
  (childProcess as Record<string, unknown>)[name] = (command: unknown, ...rest: unknown[]) => {
    const program = typeof command === "string" ? basename(command.trim().split(/\s+/)[0] ?? "") : "";
    if (name !== "execSync" && ALLOWED_TOOLS.has(program)) return original(command, ...rest);
    return refuse(`ran a process (${String(command)})`);
  };
}
// Named imports of node:child_process (`import { spawnSync }`) see the replacements too.
syncBuiltinESMExports();

vi.mock("node-llama-cpp", () => refuse("loaded node-llama-cpp"));
vi.mock("onnxruntime-node", () => refuse("loaded onnxruntime-node"));

afterEach(() => {
  const found = refusals.splice(0);
  if (found.length) throw new Error(found[0]);
});
