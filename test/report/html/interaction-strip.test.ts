import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { buildGallery, type GalleryItem } from "../../../src/report/html/gallery.js";
import { PictureStore } from "../../../src/report/html/picture-store.js";
import { reportPage } from "../../../src/report/html/page.js";
import { readRun, type LoadedRun } from "../../../src/results/index.js";
import { tempDir } from "../../helpers/dataset.js";
import { referenceStates, writeInteractionRun } from "../../helpers/interaction-run.js";
import { record, results, writeRunDir } from "../../helpers/runs.js";

/** The colour at a point of a stored picture (an assets/ link), each channel read as off (0) or on (255): WebP blurs edges. */
async function colourAt(root: string, src: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(join(root, src)).raw().toBuffer({ resolveWithObject: true });
  const at = (Math.round(y) * info.width + Math.round(x)) * info.channels;
  return [...data.subarray(at, at + 3)].map((value) => (value > 127 ? 255 : 0));
}

describe("a card of the interaction task shows a strip of states per interaction", () => {
  const root = tempDir("w2c-strip-");
  let runs: LoadedRun[];
  let items: GalleryItem[];
  let plain: LoadedRun;
  const screenshotAsked: string[] = [];
  const card = (model: string, id: string) => items.find((item) => item.model === model && item.sampleId === id)!;

  beforeAll(async () => {
    runs = [
      await writeInteractionRun(join(root, "alpha"), "alpha", { implemented: 0, pixel: 0 }),
      await writeInteractionRun(join(root, "beta"), "beta", { implemented: 1, pixel: 0.5 }),
    ];
    const records = [record("a", 0.5)];
    plain = readRun(writeRunDir(join(root, "plain"), results("plain", records), records));
    const screenshot = async (id: string) => {
      screenshotAsked.push(id);
      return undefined;
    };
    items = await buildGallery(runs, new PictureStore(join(root, "assets"), "assets"), screenshot, await referenceStates());
  });

  it("draws each box where its state's pixels are: the 1600 px reference at 0.2, the 1280 px captures at 0.25", () => {
    const [click] = card("alpha", "p1").interaction!.strips;
    expect(click).toMatchObject({ index: 1, action: "click", outcome: "changed", tagTypes: ["button"], visualTypes: ["new component"] });
    expect(click!.metrics).toEqual({ interaction_implemented: 1, interaction_pixel: 0.8 });
    expect(click!.reference.before).toMatchObject({ width: 1600, height: 800, shownHeight: 800, picture: { width: 320, height: 160 } });
    expect(click!.reference.before!.box).toBeUndefined();
    // changed.ref (400, 200, 800, 400) at 0.2; the element (100, 40, 200, 80) and changed.pred (0, 320, 640, 160) at 0.25.
    expect(click!.reference.after!.box).toEqual({ x: 80, y: 40, width: 160, height: 80 });
    expect(click!.ours.before).toMatchObject({ width: 1280, height: 640, picture: { width: 320, height: 160 } });
    expect(click!.ours.before!.box).toEqual({ x: 25, y: 10, width: 50, height: 20 });
    expect(click!.ours.after!.box).toEqual({ x: 0, y: 80, width: 160, height: 40 });
  });

  it("puts each box on its own rectangle in the stored pictures", async () => {
    const [click] = card("alpha", "p1").interaction!.strips;
    const centre = (box: { x: number; y: number; width: number; height: number }) =>
      [box.x + box.width / 2, box.y + box.height / 2] as const;
    expect(await colourAt(root, click!.ours.before!.src, ...centre(click!.ours.before!.box!))).toEqual([0, 255, 0]);
    expect(await colourAt(root, click!.ours.after!.src, ...centre(click!.ours.after!.box!))).toEqual([0, 0, 255]);
    expect(await colourAt(root, click!.reference.after!.src, ...centre(click!.reference.after!.box!))).toEqual([0, 0, 255]);
    expect(await colourAt(root, click!.ours.before!.src, 300, 150)).toEqual([255, 255, 255]);
  });

  it("gives an interaction that was not done its outcome, the start state unboxed and no state after", () => {
    const [, hover] = card("alpha", "p1").interaction!.strips;
    expect(hover).toMatchObject({ index: 2, action: "hover", outcome: "missing" });
    expect(hover!.ours.before?.box).toBeUndefined();
    expect(hover!.ours.after).toBeUndefined();
    // The dataset's after state of interaction 2 is its before: the same picture, stored once.
    expect(hover!.reference.after!.src).toBe(hover!.reference.before!.src);
    expect(card("beta", "p1").interaction!.strips[1]).toMatchObject({ outcome: "changed", ours: { after: { width: 1280 } } });
  });

  it("counts the implemented interactions of each card; a page never driven has no state of ours, and no outcome", () => {
    expect(card("alpha", "p1").interaction!.implemented).toBe(1);
    expect(card("beta", "p1").interaction!.implemented).toBe(2);
    const failed = card("alpha", "p2").interaction!;
    expect(failed.implemented).toBe(0);
    expect(failed.strips[0]!.outcome).toBeUndefined();
    expect(failed.strips[0]!.ours).toEqual({});
    expect(failed.strips[0]!.reference.after!.box).toBeUndefined();
  });

  it("shows no screenshot, no renders as scored and asks the dataset for no screenshot on interaction cards", () => {
    expect(screenshotAsked).toEqual([]);
    expect(card("alpha", "p1")).not.toHaveProperty("scored");
    expect(card("alpha", "p1")).not.toHaveProperty("referenceMissing");
    expect(card("alpha", "p1").source?.preview).toBe('<button id="interact1">Open</button>');
  });

  it("says where the dataset's states are not at hand", async () => {
    const without = await buildGallery(runs.slice(0, 1), new PictureStore(join(root, "bare"), "bare"));
    const strip = without.find((item) => item.sampleId === "p1")!.interaction!;
    expect(strip.referenceMissing).toBe("not shown: the dataset is not at hand");
    expect(strip.strips[0]!.reference).toEqual({});
    expect(strip.strips[0]!.ours.before!.box).toEqual({ x: 25, y: 10, width: 50, height: 20 });
  });

  it("draws the strips on the page with the implement rate, outcomes, types and scores", () => {
    const page = reportPage({ title: "t", runs, links: ["alpha", "beta"], gallery: items });
    expect(page).toContain('<p class="implemented">Implemented: 1 of 2 interactions (0.500).</p>');
    expect(page).toContain('<p class="implemented">Implemented: 0 of 1 interaction (0.000).</p>');
    expect(page).toContain('<h4>Interaction 1 · click · <span class="outcome changed">changed</span></h4>');
    expect(page).toContain('<h4>Interaction 2 · hover · <span class="outcome">missing</span></h4>');
    expect(page).toContain('<h4>Interaction 1 · click · <span class="outcome">not driven</span></h4>');
    expect(page).toContain("<p>tag type: button · visual type: new component</p>");
    expect(page).toContain("<p>interaction_implemented 1.000 · interaction_pixel 0.800</p>");
    expect(page).toContain("<p>interaction_implemented n/a · interaction_pixel n/a</p>");
    expect(page).toContain('<rect class="changed" x="80.0" y="40.0" width="160.0" height="80.0"/>');
    expect(page).toContain('<rect class="element" x="25.0" y="10.0" width="50.0" height="20.0"/>');
    expect(page).toContain('<rect class="changed" x="0.0" y="80.0" width="160.0" height="40.0"/>');
    expect(page).toContain("Ours before<small>1280 × 640 px, shown whole; blue: #interact1</small>");
    expect(page).toContain('<div class="missing">no capture: missing</div>');
    expect(page).toContain('<div class="missing">not driven: the page failed before its interactions were done</div>');
    expect(page).toContain("A card of the interaction task shows a strip per interaction");
  });

  it("leaves a run of another task without any of it", async () => {
    const others = await buildGallery([plain], new PictureStore(join(root, "plain-assets"), "plain-assets"));
    expect(others[0]).not.toHaveProperty("interaction");
    const page = reportPage({ title: "t", runs: [plain], links: ["plain"], gallery: others });
    for (const text of [
      "<h2>Interactions</h2>",
      '<section class="strip">',
      "Implemented:",
      "interaction-outcomes",
      "A card of the interaction task",
    ])
      expect(page).not.toContain(text);
  });
});
