import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { loadDataset, type Dataset } from "../src/datasets/index.js";

/** The picture with an 8x8 block whose colour and place encode `n`: a distinct file per sample. */
export async function markedCopy(png: string | Buffer, n: number, out: string): Promise<void> {
  const mark = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: n % 256, g: (n >> 8) % 256, b: 128 } } })
    .png()
    .toBuffer();
  await sharp(png)
    .composite([{ input: mark, left: 8 * (n % 100), top: 8 * Math.floor(n / 100) }])
    .png()
    .toFile(out);
}

/**
 * A dataset of `size` samples made from mini's pages and screenshots, repeated in order (page i is
 * mini's i mod 46, with a comment naming its copy). With `distinct`, every screenshot is marked so
 * that no two are the same file.
 */
export async function syntheticDataset(root: string, size: number, distinct: boolean): Promise<Dataset> {
  const mini = await loadDataset("mini");
  mkdirSync(join(root, "pages"), { recursive: true });
  mkdirSync(join(root, "screenshots"), { recursive: true });
  const samples = [];
  for (let i = 0; i < size; i++) {
    const source = mini.samples[i % mini.samples.length]!;
    const id = `s${String(i).padStart(4, "0")}`;
    writeFileSync(join(root, "pages", `${id}.html`), `${await source.readHtml!()}<!-- ${id} -->`);
    const screenshot = join(root, "screenshots", `${id}.png`);
    if (distinct) await markedCopy(await source.readImage(), i, screenshot);
    else writeFileSync(screenshot, await source.readImage());
    samples.push({ id, html: `pages/${id}.html`, image: `screenshots/${id}.png`, description: source.description ?? id, tags: [] });
  }
  // mini's pages load files of its assets folder (`../assets/logo.svg`): the copies need them too.
  cpSync(join(mini.root, "assets"), join(root, "assets"), { recursive: true });
  writeFileSync(
    join(root, "dataset.json"),
    JSON.stringify({
      id: `synthetic-${size}`,
      version: "1",
      description: "synthetic benchmark",
      licence: "CC0-1.0",
      viewport: mini.viewport,
      instruction: mini.instruction,
      samples,
    }),
  );
  return loadDataset(root);
}
