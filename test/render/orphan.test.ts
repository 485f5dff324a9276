import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TSX_LOADER } from "../helpers/cli.js";
import { commandLine, isRunning, processTree } from "../helpers/processes.js";

const CHILD = fileURLToPath(new URL("../fixtures/processes/renderer-child.ts", import.meta.url));

describe("no orphan Chrome (real Chromium)", () => {
  it("after a SIGKILL of the process that launched the renderer, its Chrome and profile folder are gone within seconds", async () => {
    const child = spawn(process.execPath, ["--import", TSX_LOADER, CHILD], { stdio: ["ignore", "pipe", "inherit"] });
    const [line] = (await once(child.stdout, "data")) as [Buffer];
    const { browser } = JSON.parse(line.toString("utf8")) as { browser: number };
    const chrome = processTree(browser);
    const profile = commandLine(browser)
      .join(" ")
      .match(/--user-data-dir=(\S+)/)?.[1];
    expect(chrome.length).toBeGreaterThanOrEqual(4);
    expect(profile && existsSync(profile)).toBe(true);

    child.kill("SIGKILL");
    await once(child, "exit");
    const killed = Date.now();
    while (Date.now() - killed < 10_000 && (chrome.some(isRunning) || existsSync(profile!))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(chrome.filter(isRunning)).toEqual([]);
    expect(existsSync(profile!)).toBe(false);
    // The watchdog looks once a second.
    expect(Date.now() - killed).toBeLessThan(5_000);
  });
});
