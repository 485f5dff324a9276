import { spawnSync } from "node:child_process";
import type { Command } from "commander";
import { BROWSER_HINT, downloadBrowser, findBrowser } from "../../render/index.js";
import { oneLine } from "../errors.js";
import { addOutputFlags, withExamples, type CommonFlags } from "../flags.js";
import { createOutput, type Output } from "../output.js";
import { which } from "../system.js";

/** Debian packages for the browser and the fonts the built-in pages use (CJK). */
const APT_PACKAGES = ["chromium", "fonts-noto-cjk", "fonts-liberation", "fonts-dejavu-core"];

export function registerSetup(program: Command): void {
  const setup = program.command("setup").description("get what the tool needs on this machine");
  withExamples(
    addOutputFlags(
      setup
        .command("browser")
        .description("find a browser; else download Chrome for Testing (puppeteer's download); else, as root, apt-get install chromium"),
    ),
    "setup browser",
    "setup browser --json",
  ).action(async (flags: CommonFlags) => {
    const output = createOutput(flags);
    const browser = await setupBrowser(output);
    output.result(browser, `browser: ${browser.path} (${browser.source})`);
  });
}

async function setupBrowser(output: Output) {
  const found = await findBrowser();
  if (found) return found;
  output.log("no browser found: trying puppeteer's Chrome download");
  try {
    return await downloadBrowser();
  } catch (error) {
    output.log(`download failed: ${oneLine(error)}`);
  }
  if (process.getuid?.() === 0 && which("apt-get")) {
    output.log(`installing Debian's ${APT_PACKAGES.join(" ")} with apt-get`);
    const apt = (args: string[]) =>
      // apt's output goes to stderr: stdout is for the result (--json).
      spawnSync("apt-get", args, { stdio: ["ignore", 2, 2], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    apt(["update", "-qq"]);
    apt(["install", "-y", "-qq", ...APT_PACKAGES]);
    const installed = await findBrowser();
    if (installed) return installed;
  }
  throw new Error(BROWSER_HINT);
}
