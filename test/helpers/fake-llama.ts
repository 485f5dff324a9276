import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "./dataset.js";

/** The stand-in llama-server (fake-llama-server.mjs): what it does is set by the environment it starts in. */
export const FAKE_LLAMA_SERVER = fileURLToPath(new URL("./fake-llama-server.mjs", import.meta.url));

export interface FakeLlama {
  /** The environment that makes the fake behave so and report what it did. */
  env: (mode?: "ready" | "never-ready" | "no-vision", build?: string) => NodeJS.ProcessEnv;
  /** Generation requests it answered, by path. */
  requests(): string[];
  /** Its processes that are still running. */
  running(): number[];
  /** Ends those (after a test that failed to). */
  kill(): void;
}

export function fakeLlama(): FakeLlama {
  const dir = tempDir("w2c-fake-llama-");
  const pids = join(dir, "pids");
  const requests = join(dir, "requests");
  const lines = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : []);
  const running = () =>
    lines(pids)
      .map(Number)
      .filter((pid) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      });
  return {
    env: (mode = "ready", build = "b1-fake") => ({
      FAKE_LLAMA_MODE: mode,
      FAKE_LLAMA_BUILD: build,
      FAKE_LLAMA_PIDS: pids,
      FAKE_LLAMA_REQUESTS: requests,
    }),
    requests: () => lines(requests),
    running,
    kill: () => running().forEach((pid) => process.kill(pid, "SIGKILL")),
  };
}
