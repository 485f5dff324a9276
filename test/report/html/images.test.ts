import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { heatmap, thumbnail } from "../../../src/report/html/images.js";

async function png(width: number, height: number, colour: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

const red = (image: { data: Buffer }) => {
  let count = 0;
  for (let i = 0; i < image.data.length; i += 4) if (image.data[i] === 255 && image.data[i + 1] === 0 && image.data[i + 2] === 0) count++;
  return count;
};

describe("gallery pictures", () => {
  it("scales a page to 400 px wide and keeps at most the top 1200 px of the thumbnail", async () => {
    expect(await thumbnail(await png(1280, 720, { r: 255, g: 255, b: 255 }))).toMatchObject({ width: 400, height: 225 });
    expect(await thumbnail(await png(1280, 8000, { r: 255, g: 255, b: 255 }))).toMatchObject({ width: 400, height: 1200 });
  });

  it("marks nothing for the same picture and every pixel where they differ, padding a shorter prediction with white", async () => {
    const white = await thumbnail(await png(800, 400, { r: 255, g: 255, b: 255 }));
    const black = await thumbnail(await png(800, 200, { r: 0, g: 0, b: 0 }));
    expect(red(heatmap(white, white))).toBe(0);
    // 400x200 white vs 400x100 black padded with white: the black half differs.
    const diff = heatmap(white, black);
    expect(diff).toMatchObject({ width: 400, height: 200 });
    expect(red(diff)).toBe(400 * 100);
  });

  it("marks all of a prediction's page beyond the reference's, as pixel_similarity counts it", async () => {
    const black = await thumbnail(await png(800, 200, { r: 0, g: 0, b: 0 }));
    const white = await thumbnail(await png(800, 400, { r: 255, g: 255, b: 255 }));
    // A 400x200 white prediction on a 400x100 black reference: the 100 rows they share differ, and so do the 100 below.
    const diff = heatmap(black, white);
    expect(diff).toMatchObject({ width: 400, height: 200 });
    expect(red(diff)).toBe(400 * 200);
  });
});
