import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TSX_LOADER } from "../helpers/cli.js";
import { makeDataset, tempDir } from "../helpers/dataset.js";
import { json, startServer } from "../helpers/http-server.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
/** util-linux's `script` gives the CLI a terminal, so that it draws its bar. */
const script = spawnSync("script", ["--version"]).status === 0;

describe.skipIf(!script)(`the progress bar on a terminal${script ? "" : " (SKIPPED: no util-linux script to make one)"}`, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer((_request, response, index) =>
      index === 0
        ? json(response, 429, { error: { message: "slow down" } }, { "retry-after": "1" })
        : json(response, 200, { choices: [{ message: { content: "<html><body><h1>A</h1></body></html>" }, finish_reason: "stop" }] }),
    );
  });
  afterAll(() => server.close());

  it("prints a retry above the bar and shows the wait in it", async () => {
    const dataset = makeDataset({ a: "<html><body><h1>A</h1></body></html>" });
    const args = ["run", "--dataset", dataset, "--model", `openai:m@${server.url}/v1`, "--out", join(tempDir(), "run"), "--no-cache"];
    const command = [process.execPath, "--import", TSX_LOADER, MAIN, ...args].map((arg) => `'${arg}'`).join(" ");
    // The terminal's output comes back on script's stdout; the test's server answers while it runs.
    const child = spawn("script", ["-qec", command, "/dev/null"], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect(code, stdout).toBe(0);
    const text = stripVTControlCharacters(stdout);
    expect(text).toContain("openai-m a: HTTP 429, try 1 of 6 failed; next in 1 s (Retry-After)");
    expect(text).toMatch(/openai-m \[[^\]]+\] 0\/1 \| [\d.]+\/s \| ETA \S+ \| a waiting 1 s \(HTTP 429\)/);
    expect(text).toMatch(/openai-m \[[^\]]+\] 1\/1 \| [\d.]+\/s \| ETA \S+ \| a ok/);
  }, 120_000);
});
