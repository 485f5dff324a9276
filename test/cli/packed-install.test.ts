import { spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CliResult } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";
import { runShipped, shippedProgram } from "../helpers/shipped.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

function npm(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // No browser download (the tests have one) and no NuGet fetch: only what npm installs counts here.
    const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "1", ONNXRUNTIME_NODE_INSTALL: "skip" };
    const child = spawn(NPM, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** What a user gets from `npm i web2code-eval`: the packed tarball installed with its dependencies, and no optional peer. */
describe("the package as a user installs it", () => {
  let bin = "";
  let user = "";

  beforeAll(async () => {
    const shipped = dirname(dirname(await shippedProgram()));
    const packed = await npm(["pack", "--ignore-scripts", "--json", "--pack-destination", shipped], shipped);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = join(shipped, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!.filename);
    user = tempDir("w2c-user-");
    writeFileSync(join(user, "package.json"), JSON.stringify({ name: "user", private: true }));
    // The packages are in npm's cache from the checkout's own install.
    const installed = await npm(["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], user);
    expect(installed.code, installed.stderr).toBe(0);
    bin = join(user, "node_modules", "web2code-eval", "bin", "web2code-eval.js");
  }, 600_000);

  it("leaves out the heavy runtimes, which only optional features use", () => {
    const packages = readdirSync(join(user, "node_modules"));
    expect(packages).toContain("web2code-eval");
    for (const heavy of ["node-llama-cpp", "@node-llama-cpp", "onnxruntime-node"]) expect(packages).not.toContain(heavy);
  });

  it("a llama: model asks for node-llama-cpp in one line, with the command that installs it: exit 2", async () => {
    const gguf = join(user, "model.gguf");
    writeFileSync(gguf, "not a model");
    const result = await runShipped(bin, ["run", "--model", `llama:${gguf}`, "--task", "text2html", "--out", join(user, "out")], {
      cwd: user,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n").at(-1)).toBe(
      `web2code-eval: model spec "llama:${gguf}": node-llama-cpp is not installed (an optional dependency): npm i -E node-llama-cpp@3.21.1`,
    );
    expect(existsSync(join(user, "out", "results.json"))).toBe(false);
  }, 120_000);

  it("--clip-model asks for onnxruntime-node in one line, with the command that installs it: exit 2", async () => {
    const encoder = join(user, "encoder.onnx");
    writeFileSync(encoder, "not a model");
    const result = await runShipped(bin, ["run", "--model", "reference", "--clip-model", encoder, "--out", join(user, "clip")], {
      cwd: user,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(
      `web2code-eval: ${encoder}: --clip-model needs the optional package onnxruntime-node (install it with \`ONNXRUNTIME_NODE_INSTALL=skip npm i -E onnxruntime-node@1.30.0\`)`,
    );
    expect(existsSync(join(user, "clip"))).toBe(false);
  }, 120_000);
});
