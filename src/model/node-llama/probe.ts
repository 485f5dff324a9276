import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Loads the model and generates one token in a child process first. Some broken GGUF files do
 * not raise an error in llama.cpp but fail an assertion that aborts the whole process: that must
 * end one child, not the run. Resolves to null when the model works, else the reason.
 */
export function probeModel(moduleUrl: string, modelPath: string, gpu: string | false, timeoutMs: number): Promise<string | null> {
  const code = `
    const { getLlama, LlamaCompletion } = await import(process.env.W2C_MODULE);
    const gpu = process.env.W2C_GPU === "false" ? false : process.env.W2C_GPU;
    const llama = await getLlama({ gpu, build: "never", logLevel: "error" });
    const model = await llama.loadModel({ modelPath: process.env.W2C_MODEL });
    const context = await model.createContext({ contextSize: 256, threads: 1 });
    await new LlamaCompletion({ contextSequence: context.getSequence() }).generateCompletion("a", { maxTokens: 1 });
    process.exit(0);`;
  // A script file, not `node -e`: node-llama-cpp tests its binary in a child that inherits execArgv.
  const dir = mkdtempSync(join(tmpdir(), "web2code-probe-"));
  const script = join(dir, "probe.mjs");
  writeFileSync(script, code);
  return new Promise<string | null>((resolve) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, W2C_MODULE: moduleUrl, W2C_MODEL: modelPath, W2C_GPU: String(gpu) },
      stdio: ["ignore", "ignore", "pipe"],
      timeout: timeoutMs,
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on("error", (error) => resolve(error.message));
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve(null);
      const lines = stderr
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith("at "));
      // An uncaught JavaScript error's own line ("XError: ..."), else llama.cpp's assertion or error line.
      const reason =
        lines.find((line) => /^\w*Error: /.test(line)) ??
        lines.find((line) => /GGML_ASSERT|error/i.test(line)) ??
        lines.at(-1) ??
        "no message";
      resolve(`${signal ? `killed by ${signal}` : `exit ${code}`}: ${reason.slice(0, 300)}`);
    });
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}
