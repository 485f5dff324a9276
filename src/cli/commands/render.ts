import { mkdirSync, readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import { RENDER_DEFAULTS } from "../../render/defaults.js";
import { checkWritable, fsReason, writeFileAtomic } from "../../shared/index.js";
import { UsageError } from "../errors.js";
import { addOutputFlags, positiveInt, withExamples, type CommonFlags } from "../flags.js";
import { createOutput } from "../output.js";

interface RenderFlags extends CommonFlags {
  out: string;
  width: number;
  height: number;
  timeout: number;
  /** false with `--no-libraries`. */
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
      throw new UsageError(`${path}: cannot read (${fsReason(error)})`);
    }
    const out = checkWritable(flags.out, UsageError, "file");
    const { openLibraryStore, Renderer } = await import("../../render/index.js");
    const { cacheDir } = await import("../../runner/index.js");
    const renderer = await Renderer.launch({
      assetRoot: dirname(path),
      libraries: flags.libraries ? openLibraryStore(cacheDir()) : null,
      viewport: { width: flags.width, height: flags.height },
      timeoutMs: flags.timeout,
    });
    try {
      const result = await renderer.render({ html, pagePath: basename(path) });
      if (!result.ok) throw new Error(`${path}: ${result.status}: ${result.error}`);
      mkdirSync(dirname(out), { recursive: true });
      writeFileAtomic(out, result.png);
      createOutput(flags).result({ out, ...result.facts }, `${out} (${result.facts.width}x${result.facts.height})`);
    } finally {
      await renderer.close();
    }
  });
}
