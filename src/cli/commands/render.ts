import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import { Renderer, RENDER_DEFAULTS } from "../../render/index.js";
import { writeFileAtomic } from "../../runner/index.js";
import { UsageError } from "../errors.js";
import { addOutputFlags, positiveInt, withExamples, type CommonFlags } from "../flags.js";
import { openLibraries } from "../libraries.js";
import { createOutput } from "../output.js";

interface RenderFlags extends CommonFlags {
  out: string;
  width: number;
  height: number;
  timeout: number;
  libraries: boolean;
}

export function registerRender(program: Command): void {
  withExamples(
    addOutputFlags(
      program
        .command("render")
        .argument("<FILE.html>", "page to render; files beside it are its assets")
        .description("render one page through the same sandboxed renderer the scores use")
        .requiredOption("--out <FILE.png>", "PNG to write")
        .option("--width <px>", "viewport width", positiveInt, RENDER_DEFAULTS.viewport.width)
        .option("--height <px>", "viewport height", positiveInt, RENDER_DEFAULTS.viewport.height)
        .option("--timeout <ms>", "hard deadline", positiveInt, RENDER_DEFAULTS.timeoutMs)
        .option("--no-libraries", "dataset files only, no library store"),
    ),
    "render datasets/mini/pages/landing-saas.html --out /tmp/landing.png",
  ).action(async (file: string, flags: RenderFlags) => {
    const path = resolve(file);
    let html: string;
    try {
      html = readFileSync(path, "utf8");
    } catch (error) {
      throw new UsageError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const output = createOutput(flags);
    const renderer = await Renderer.launch({
      assetRoot: dirname(path),
      libraries: openLibraries(flags.libraries),
      viewport: { width: flags.width, height: flags.height },
      timeoutMs: flags.timeout,
    });
    try {
      const result = await renderer.render({ html, pagePath: basename(path) });
      if (!result.ok) throw new Error(`${path}: ${result.status}: ${result.error}`);
      writeFileAtomic(resolve(flags.out), result.png);
      output.result({ out: resolve(flags.out), ...result.facts }, `${resolve(flags.out)} (${result.facts.width}x${result.facts.height})`);
    } finally {
      await renderer.close();
    }
  });
}
