/**
 * Makes the renders of the golden metric test (test/metrics/golden.test.ts): each page of
 * test/fixtures/golden/*.html rendered once, as a run renders it, to NAME.png and its text blocks to
 * NAME.blocks.json. The renders are committed, so the test (unit tier) starts no browser. Run this
 * (`npx tsx scripts/golden-renders.ts`) only to change the pages: new renders move the values with
 * no metric changed, the one time the table's rows are rewritten at the same versions, from what the
 * test then prints, in the same change as the new fixtures.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Renderer } from "../src/render/index.js";

const DIR = fileURLToPath(new URL("../test/fixtures/golden/", import.meta.url));
/** Small, so that the PNGs stay a few kilobytes; the pages are laid out for it. */
export const GOLDEN_VIEWPORT = { width: 320, height: 240 };

const renderer = await Renderer.launch({ assetRoot: DIR, libraries: null, viewport: GOLDEN_VIEWPORT });
try {
  for (const file of readdirSync(DIR).filter((name) => name.endsWith(".html"))) {
    const name = file.slice(0, -".html".length);
    const result = await renderer.render({ html: readFileSync(join(DIR, file), "utf8"), pagePath: file });
    if (!result.ok) throw new Error(`${file}: ${result.status}: ${result.error}`);
    writeFileSync(join(DIR, `${name}.png`), result.png);
    writeFileSync(join(DIR, `${name}.blocks.json`), `${JSON.stringify(result.facts.textBlocks, null, 1)}\n`);
    console.log(`${name}.png ${result.facts.width}x${result.facts.height}, ${result.facts.textBlocks?.length ?? 0} text blocks`);
  }
} finally {
  await renderer.close();
}
