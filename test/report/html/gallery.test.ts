import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { buildGallery, type GalleryItem } from "../../../src/report/html/gallery.js";
import { PictureStore } from "../../../src/report/html/picture-store.js";
import { reportPage } from "../../../src/report/html/page.js";
import { readRun, type LoadedRun, type SampleRecord } from "../../../src/results/index.js";
import { tempDir } from "../../helpers/dataset.js";
import { record, results, writeRunDir } from "../../helpers/runs.js";

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 255 } } })
    .png()
    .toBuffer();
}

/** A matched pair at the same fractions of each page, and a reference block nothing matched. */
const D2C = {
  matches: [{ ref: [0.5, 0.25, 0.25, 0.5], pred: [0.5, 0.25, 0.25, 0.5], text: 1, position: 0.9, color: 0.8 }],
  unmatchedPred: [],
  unmatchedRef: [[0, 0, 0.125, 0.125]],
} as unknown as NonNullable<SampleRecord["d2c"]>;

/** A run folder with sample `a` (an 800x400 reference render, a 400x400 prediction render) and `b`, failed before rendering. */
async function writeRun(dir: string, model: string, keepsReferences: boolean): Promise<LoadedRun> {
  const records = [{ ...record("a", 0.5), d2c: D2C }, record("b", null, "generation_error")];
  writeRunDir(dir, results(model, records), records);
  for (const folder of ["predictions", "renders", ...(keepsReferences ? ["reference-renders"] : [])]) mkdirSync(join(dir, folder));
  writeFileSync(join(dir, "predictions", "a.html"), "<p>a</p>");
  writeFileSync(join(dir, "renders", "a.png"), await png(400, 400));
  if (keepsReferences) writeFileSync(join(dir, "reference-renders", "a.png"), await png(800, 400));
  return readRun(dir);
}

describe("the gallery shows what was scored", () => {
  const root = tempDir("w2c-gallery-");
  let runs: LoadedRun[];
  let items: GalleryItem[];
  const card = (model: string, id: string) => items.find((item) => item.model === model && item.sampleId === id)!;

  beforeAll(async () => {
    runs = [await writeRun(join(root, "new"), "new", true), await writeRun(join(root, "old"), "old", false)];
    const screenshot = await png(1920, 1080);
    items = await buildGallery(runs, new PictureStore(join(root, "assets"), "assets"), async (id) => (id === "a" ? screenshot : undefined));
  });

  it("gives the screenshot the model saw at its own size, and both renders on the compared canvas with their difference", () => {
    const item = card("new", "a");
    expect(item.screenshot).toMatchObject({ width: 1920, height: 1080, shownHeight: 1080 });
    expect(item.scored).toMatchObject({
      canvas: { width: 800, height: 400, shownHeight: 400 },
      reference: { width: 800, height: 400 },
      prediction: { width: 400, height: 400 },
    });
    expect(item.scored!.difference).toMatch(/^assets\/[0-9a-f]{20}\.webp$/);
    expect(item.referenceMissing).toBeUndefined();
  });

  it("draws each block where its render's pixels are, on pictures of the canvas at 0.5", () => {
    const svg = card("new", "a").blocks!;
    // The pair at (0.5, 0.25, 0.25, 0.5): on the 800x400 reference (400, 100, 200, 200) px, halved; on the 400x400
    // prediction (200, 100, 100, 200) px, halved, right of the 400 px reference picture and a 24 px gap.
    expect(svg).toContain(`<rect x="200.0" y="50.0" width="100.0" height="100.0" fill="none" stroke="#0969da"/>`);
    expect(svg).toContain(`<rect x="524.0" y="50.0" width="50.0" height="100.0" fill="none" stroke="#0969da"/>`);
    expect(svg).toContain(`<rect class="unmatched" x="0.0" y="0.0" width="50.0" height="25.0">`);
    expect(svg).toContain(`viewBox="0 0 824 200"`);
    expect(svg).toContain("Left: the reference page's render; right: the prediction's; both as scored");
  });

  it("says a run made before reference renders were kept has none, and draws no difference or blocks from the screenshot", () => {
    const item = card("old", "a");
    expect(item.referenceMissing).toMatch(/^not kept: this run was made before runs kept the reference page's render/);
    expect(item.scored).toEqual({
      canvas: { width: 400, height: 400, shownHeight: 400 },
      prediction: expect.objectContaining({ width: 400 }),
    });
    expect(item.blocks).toBeUndefined();
    expect(card("new", "b")).toMatchObject({ referenceMissing: "not rendered: the sample failed before its pages were" });
    expect(card("new", "b").scored).toBeUndefined();
  });

  it("captions every picture with what it is, its size and the part shown", () => {
    const page = reportPage({ title: "t", runs, links: ["new", "old"], gallery: items });
    expect(page).toContain("What the model saw<small>the dataset&#39;s screenshot, 1920 × 1080 px, shown whole</small>");
    expect(page).toContain("Reference render, as scored<small>800 × 400 px on the 800 × 400 px canvas, shown whole</small>");
    expect(page).toContain("Prediction render, as scored<small>400 × 400 px on the 800 × 400 px canvas, shown whole</small>");
    expect(page).toContain(
      "Difference pixel_similarity counted<small>red: counted, yellow: anti-aliasing (not counted); shown whole</small>",
    );
    // The old run's prediction is on no compared canvas, and its caption does not say one.
    expect(page).toContain("Prediction render, as scored<small>400 × 400 px, shown whole</small>");
    expect(page).toContain('<div class="missing">needs both renders</div>');
  });
});
