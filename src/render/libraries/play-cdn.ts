import { createHash } from "node:crypto";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { Piscina } from "piscina";
import { oneLine, workerModule } from "../../shared/index.js";
import { readTailwindConfig } from "./tailwind-config.js";
import { PLAY_CDN_PLUGINS } from "./tailwind-plugins.js";
import type { TailwindTask } from "./tailwind-worker.js";

type Element = DefaultTreeAdapterMap["element"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

const WORKER = workerModule("tailwind-worker", import.meta.url);

/** What the Play CDN compiles when the page gives no `@tailwind` directive of its own. */
const DEFAULT_INPUT = "@tailwind base;@tailwind components;@tailwind utilities;";
/** Compiled stylesheets kept for pages seen again (a retry, a reference rendered twice). */
const CACHED_SHEETS = 32;
const COMPILE_THREADS = 2;
/** Compiler threads end after this long unused, so that an idle renderer holds none. */
const IDLE_MS = 30_000;

/**
 * cdn.tailwindcss.com, the Play CDN of Tailwind v3, done ahead of time: when a page asks for the
 * script, Tailwind v3 compiles the page in a worker thread (the classes in its HTML, its inline
 * `tailwind.config = {...}` read as data, its `<style type="text/tailwindcss">` blocks, the plugins
 * named in `?plugins=`), and the script the page gets inserts that CSS at the end of `<head>`, where
 * the Play CDN puts its stylesheet. Classes that the page's own scripts add later are not seen: the
 * Play CDN would see them.
 */
export class PlayCdn {
  private readonly pool: Piscina<TailwindTask, string>;
  private readonly sheets = new Map<string, string>();

  constructor() {
    this.pool = new Piscina({
      ...WORKER,
      minThreads: 0,
      maxThreads: COMPILE_THREADS,
      idleTimeout: IDLE_MS,
      // A config or page that makes the compiler run away loses its thread, not the run's memory.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
  }

  /** The script answering `url` for a page whose HTML is `html`; compile failures are noted and answered with a script that does nothing. */
  async script(url: URL, html: string, note: (text: string) => void, timeoutMs: number): Promise<string> {
    const { scripts, styles } = inlineSources(html);
    const page = readTailwindConfig(scripts);
    if (page.dropped.length)
      note(`cdn.tailwindcss.com: tailwind.config values that are not literals were left out: ${page.dropped.slice(0, 5).join(", ")}`);
    const requested = (url.searchParams.get("plugins") ?? "").split(",").filter(Boolean);
    const plugins = requested.map((plugin) => plugin.replace(/@.*$/, "")).filter((name) => PLAY_CDN_PLUGINS.includes(name));
    if (plugins.length < requested.length) note(`cdn.tailwindcss.com: unknown plugins left out of ${requested.join(",").slice(0, 100)}`);
    const custom = styles.join("\n");
    const task: TailwindTask = {
      html,
      css: custom.includes("@tailwind") ? custom : `${DEFAULT_INPUT}\n${custom}`,
      config: page.config,
      plugins,
    };
    let css: string;
    try {
      css = await this.compile(task, timeoutMs);
    } catch (error) {
      note(`cdn.tailwindcss.com: Tailwind could not compile the page (${oneLine(error).slice(0, 200)})`);
      return "/* web2code-eval: Tailwind could not compile this page */";
    }
    return playScript(css);
  }

  private async compile(task: TailwindTask, timeoutMs: number): Promise<string> {
    const key = createHash("sha256").update(JSON.stringify(task)).digest("hex");
    const cached = this.sheets.get(key);
    if (cached !== undefined) return cached;
    const css = await this.pool.run(task, { signal: AbortSignal.timeout(timeoutMs) });
    if (this.sheets.size >= CACHED_SHEETS) this.sheets.delete(this.sheets.keys().next().value as string);
    this.sheets.set(key, css);
    return css;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/**
 * The answer to the script request: it puts the compiled sheet at the end of `<head>` as it stands
 * when the script runs, and defines `tailwind` so that the page's `tailwind.config = {...}` runs.
 */
export function playScript(css: string): string {
  return (
    `(function () {\n` +
    `  var style = document.createElement("style");\n` +
    `  style.textContent = ${JSON.stringify(css)};\n` +
    `  (document.head || document.documentElement).appendChild(style);\n` +
    `  if (!window.tailwind) window.tailwind = { config: {} };\n` +
    `})();\n`
  );
}

/** The page's inline scripts and `text/tailwindcss` styles, in document order. */
function inlineSources(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  const visit = (node: ParentNode) => {
    for (const child of node.childNodes) {
      if (!("tagName" in child)) continue;
      const element = child as Element;
      const attr = (name: string) => element.attrs.find((a) => a.name === name)?.value;
      if (element.tagName === "script" && attr("src") === undefined && isClassicScript(attr("type"))) scripts.push(text(element));
      else if (element.tagName === "style" && attr("type")?.trim().toLowerCase() === "text/tailwindcss") styles.push(text(element));
      // A template's scripts never run.
      if (element.tagName !== "template") visit(element);
    }
  };
  visit(parse(html));
  return { scripts, styles };
}

function isClassicScript(type: string | undefined): boolean {
  const value = type?.trim().toLowerCase();
  return !value || value === "text/javascript" || value === "application/javascript";
}

function text(element: Element): string {
  return element.childNodes.map((node) => ("value" in node && node.nodeName === "#text" ? node.value : "")).join("");
}
