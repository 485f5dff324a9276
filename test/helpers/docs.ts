import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The pages a reader is shown: the README and every page of docs/. */
export const DOC_PAGES = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** A page's text, by its path from the root. */
export function pageText(page: string): string {
  return readFileSync(join(ROOT, page), "utf8");
}
