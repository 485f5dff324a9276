import type { Command } from "commander";
import { addOutputFlags, withExamples, type CommonFlags } from "../flags.js";
import { createOutput } from "../output.js";

export interface SetupLibrariesFlags extends CommonFlags {
  registry?: string;
}

export interface SetupLlamaServerFlags extends CommonFlags {
  cuda?: boolean;
  cpu?: boolean;
  force?: boolean;
}

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
    const { setupBrowser } = await import("../setup-actions.js");
    const browser = await setupBrowser(output);
    output.result(browser, `browser: ${browser.path} (${browser.source})`);
  });
  withExamples(
    addOutputFlags(
      setup
        .command("libraries")
        .description(
          "fetch the CDN libraries model output loads (Tailwind, Bootstrap, Font Awesome, jQuery, Bulma, Google Fonts...) at pinned versions from the npm registry into the user cache, once; the renderer serves them offline",
        )
        .option("--registry <url>", "npm registry (default: npm's configured registry, else https://registry.npmjs.org/)"),
    ),
    "setup libraries",
    "setup libraries --registry https://registry.npmmirror.com/",
  ).action(async (flags: SetupLibrariesFlags) => {
    const { setupLibraries } = await import("../setup-actions.js");
    await setupLibraries(flags, createOutput(flags));
  });
  withExamples(
    addOutputFlags(
      setup
        .command("llama-server")
        .description(
          "build llama.cpp's server offline from the source inside node-llama-cpp's package, into the user cache (reused afterwards)",
        )
        .option("--cuda", "build with CUDA (the default where nvcc and an NVIDIA GPU are found)")
        .option("--cpu", "build for the CPU only, even where nvcc is found")
        .option("--force", "build again even when this source is already built"),
    ),
    "setup llama-server",
    "setup llama-server --cuda",
  ).action(async (flags: SetupLlamaServerFlags) => {
    const { setupLlamaServer } = await import("../setup-actions.js");
    await setupLlamaServer(flags, createOutput(flags));
  });
}
