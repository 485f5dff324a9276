import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { pictureScale, thumbnail } from "../../../src/report/html/images.js";

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .png()
    .toBuffer();
}

describe("gallery pictures", () => {
  it("scales a page to 400 px wide, never up, and keeps its whole height up to WebP's 16,383 px", () => {
    expect(pictureScale(1280, 720)).toEqual({ scale: 0.3125, shownHeight: 720 });
    expect(pictureScale(1920, 16_384)).toEqual({ scale: 400 / 1920, shownHeight: 16_384 });
    expect(pictureScale(390, 844)).toEqual({ scale: 1, shownHeight: 844 });
    expect(pictureScale(390, 20_000)).toEqual({ scale: 1, shownHeight: 16_383 });
  });

  it("gives a screenshot's picture with the screenshot's own size", async () => {
    expect(await thumbnail(await png(1920, 1080))).toMatchObject({
      width: 400,
      height: 225,
      pageWidth: 1920,
      pageHeight: 1080,
      shownHeight: 1080,
    });
    expect(await thumbnail(await png(1280, 8000))).toMatchObject({ width: 400, height: 2500, pageWidth: 1280, pageHeight: 8000 });
    expect(await thumbnail(await png(300, 200))).toMatchObject({ width: 300, height: 200 });
  });
});
