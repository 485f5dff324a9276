import { createRequire } from "node:module";

/** The first-party plugins the Play CDN loads by name (`cdn.tailwindcss.com?plugins=forms,typography`). */
export const PLAY_CDN_PLUGINS: readonly string[] = ["forms", "typography", "aspect-ratio", "line-clamp", "container-queries"];

const require = createRequire(import.meta.url);

/** The compiler's and plugins' installed versions: they decide the CSS, so they are part of the renderer's fingerprint. */
export function tailwindVersions(): Record<string, string> {
  const versionOf = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  return Object.fromEntries(
    ["tailwindcss", "postcss", ...PLAY_CDN_PLUGINS.map((name) => `@tailwindcss/${name}`)].map((name) => [name, versionOf(name)]),
  );
}
