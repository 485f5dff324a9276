import { createRequire } from "node:module";
import postcss from "postcss";
import tailwindcss from "tailwindcss";
import { PLAY_CDN_PLUGINS } from "./tailwind-plugins.js";

export interface TailwindTask {
  /** The page: Tailwind finds its class candidates in it. */
  html: string;
  /** Input CSS: the three `@tailwind` layers and the page's `text/tailwindcss` styles. */
  css: string;
  config: Record<string, unknown>;
  plugins: string[];
}

const require = createRequire(import.meta.url);
/** Tailwind keeps a context per distinct config (the page's HTML is part of it): emptied after each page, or a long run would hold them all. */
const TAILWIND_CACHES = ["contextMap", "configContextMap", "contextSourcesMap", "sourceHashMap"] as const;
const sharedState = require("tailwindcss/lib/lib/sharedState") as Record<(typeof TAILWIND_CACHES)[number], Map<unknown, unknown>>;

// Tailwind's notices (deprecated plugins, empty content) are not the run's output.
console.warn = () => undefined;
console.log = () => undefined;

/** Runs in a worker thread (piscina): Tailwind v3 compiles one page's CSS, as the Play CDN script does in the browser. */
export default async function compileTailwind(task: TailwindTask): Promise<string> {
  const plugins = task.plugins.filter((name) => PLAY_CDN_PLUGINS.includes(name)).map((name) => require(`@tailwindcss/${name}`) as unknown);
  const config = { ...task.config, content: [{ raw: task.html, extension: "html" }], plugins };
  try {
    const result = await postcss([tailwindcss(config as Parameters<typeof tailwindcss>[0])]).process(task.css, { from: undefined });
    return result.css;
  } finally {
    for (const name of TAILWIND_CACHES) sharedState[name].clear();
  }
}
