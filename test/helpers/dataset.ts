import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";

/** A small valid PNG (white), for screenshots whose pixels a test does not read. */
export function whitePng(width = 8, height = 8): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(255);
  return PNG.sync.write(png);
}

export function tempDir(prefix = "w2c-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a web2code-format dataset of the given pages into a fresh folder; returns its path. */
export function makeDataset(pages: Record<string, string>, extra: Record<string, unknown> = {}): string {
  const root = tempDir("w2c-dataset-");
  mkdirSync(join(root, "pages"));
  mkdirSync(join(root, "screenshots"));
  const samples = Object.entries(pages).map(([id, html]) => {
    writeFileSync(join(root, "pages", `${id}.html`), html);
    writeFileSync(join(root, "screenshots", `${id}.png`), whitePng());
    return { id, html: `pages/${id}.html`, image: `screenshots/${id}.png`, description: `page ${id}`, tags: ["test"] };
  });
  const manifest = {
    id: "fixture",
    version: "1",
    description: "test fixture",
    licence: "CC0-1.0",
    viewport: { width: 640, height: 360 },
    instruction: "Please generate html code for the given image",
    samples,
    ...extra,
  };
  writeFileSync(join(root, "dataset.json"), JSON.stringify(manifest, null, 2));
  return root;
}

/** A folder the renderer may serve files from: `pages/` (empty) and `assets/` with the given files. */
export function assetRoot(assets: Record<string, string>): string {
  const root = tempDir();
  mkdirSync(join(root, "pages"));
  mkdirSync(join(root, "assets"));
  for (const [name, content] of Object.entries(assets)) writeFileSync(join(root, "assets", name), content);
  return root;
}
