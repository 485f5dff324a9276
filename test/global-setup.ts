import { testServerPids } from "./helpers/llama-server.js";

/**
 * After every test run: no llama-server a test started (directly or through the tool) may remain.
 * vitest only logs an error thrown here, so the exit code is set as well.
 */
export function teardown(): void {
  const left = testServerPids();
  if (left.length === 0) return;
  process.exitCode = 1;
  throw new Error(`llama-server processes left running after the tests: pids ${left.join(", ")}`);
}
