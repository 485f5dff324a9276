import { describe, expect, it } from "vitest";
import type { RasterImage } from "../../../src/metrics/index.js";
import type { RawImage } from "../../../src/report/html/images.js";
import { comparedCanvas, hatchAt, onCanvas, scoredDifference } from "../../../src/report/html/scored-pictures.js";

const BLUE = [0, 0, 255, 255];
const WHITE = [255, 255, 255, 255];
const RED = [255, 0, 0, 255];

function solid(width: number, height: number, colour: readonly number[]): RasterImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(colour, i);
  return { width, height, data };
}

const pixel = (image: RawImage, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];

/** The pixels of columns `from` to `to` - 1 and rows `top` to `bottom` - 1 that pass `test`. */
function count(
  image: RawImage,
  [from, to]: [number, number],
  [top, bottom]: [number, number],
  test: (colour: number[], x: number, y: number) => boolean,
): number {
  let n = 0;
  for (let y = top; y < bottom; y++) for (let x = from; x < to; x++) if (test(pixel(image, x, y), x, y)) n++;
  return n;
}

const is = (colour: readonly number[]) => (c: number[]) => c.join() === colour.join();
const hatched = (c: number[], x: number, y: number) => c.join() === hatchAt(x, y).join();

/** The three pictures of a scored pair, as the gallery's worker makes them. */
async function pictures(reference: RasterImage, prediction: RasterImage) {
  const fit = comparedCanvas([reference, prediction]);
  return {
    ...fit,
    reference: await onCanvas(reference, fit),
    prediction: await onCanvas(prediction, fit),
    difference: await scoredDifference(reference, prediction, fit),
  };
}

describe("the scored pictures", () => {
  it("lay a prediction narrower than its reference on the reference's canvas: hatched where it has no page, red in the difference there", async () => {
    // An 800x400 blue reference and a 400x400 blue prediction: the canvas is 800x400, shown at 400x200 (scale 0.5).
    const made = await pictures(solid(800, 400, BLUE), solid(400, 400, BLUE));
    expect(made).toMatchObject({ canvas: { width: 800, height: 400 }, size: { width: 400, height: 200 }, scale: 0.5, shownHeight: 400 });
    for (const image of [made.reference, made.prediction, made.difference]) expect([image.width, image.height]).toEqual([400, 200]);
    // The prediction's page fills columns 0-199; columns 200-399 are the hatch, every pixel of them.
    expect(count(made.prediction, [0, 200], [0, 200], is(BLUE))).toBe(200 * 200);
    expect(count(made.prediction, [200, 400], [0, 200], hatched)).toBe(200 * 200);
    expect(pixel(made.prediction, 300, 100)).toEqual([0xd0, 0xd7, 0xde, 255]);
    expect(pixel(made.prediction, 200, 100)).toEqual([0xf0, 0xf2, 0xf4, 255]);
    // The reference covers its canvas: no hatch.
    expect(count(made.reference, [0, 400], [0, 200], is(BLUE))).toBe(400 * 200);
    // pixel_similarity pads the prediction with white, which differs from the blue there: red. Columns
    // 199 and 200 blend the two halves in the scaling; left of them nothing is marked, right of them all is red.
    expect(count(made.difference, [0, 199], [0, 200], is(RED))).toBe(0);
    expect(count(made.difference, [201, 400], [0, 200], is(RED))).toBe(199 * 200);
  });

  it("hatch the reference below its page when the prediction is taller, where the difference is all red", async () => {
    // A 200x100 white reference and a 200x300 white prediction: canvas 200x300 at scale 1.
    const made = await pictures(solid(200, 100, WHITE), solid(200, 300, WHITE));
    expect(made).toMatchObject({ canvas: { width: 200, height: 300 }, size: { width: 200, height: 300 }, scale: 1 });
    expect(count(made.reference, [0, 200], [0, 100], is(WHITE))).toBe(200 * 100);
    expect(count(made.reference, [0, 200], [100, 300], hatched)).toBe(200 * 200);
    expect(count(made.prediction, [0, 200], [0, 300], is(WHITE))).toBe(200 * 300);
    // Every pixel of the prediction's page beyond the reference's counts as different; the rows they share do not.
    expect(count(made.difference, [0, 200], [0, 100], is(RED))).toBe(0);
    expect(count(made.difference, [0, 200], [100, 300], is(RED))).toBe(200 * 200);
  });

  it("show one render alone on its own canvas, unhatched", async () => {
    const fit = comparedCanvas([solid(1280, 720, BLUE)]);
    expect(fit).toEqual({ canvas: { width: 1280, height: 720 }, size: { width: 400, height: 225 }, scale: 0.3125, shownHeight: 720 });
    expect(count(await onCanvas(solid(1280, 720, BLUE), fit), [0, 400], [0, 225], is(BLUE))).toBe(400 * 225);
  });

  it("show the top of a canvas taller than a picture may be (WebP's 16,383 px)", async () => {
    const made = await pictures(solid(100, 20_000, BLUE), solid(100, 20_000, BLUE));
    expect(made).toMatchObject({
      canvas: { width: 100, height: 20_000 },
      size: { width: 100, height: 16_383 },
      scale: 1,
      shownHeight: 16_383,
    });
    for (const image of [made.reference, made.prediction, made.difference]) expect([image.width, image.height]).toEqual([100, 16_383]);
  });
});
