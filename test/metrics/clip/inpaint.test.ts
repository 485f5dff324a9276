import { describe, expect, it } from "vitest";
import { inpaintTelea } from "../../../src/metrics/clip/inpaint.js";
import type { RgbImage } from "../../../src/metrics/clip/rgb.js";

/** 6 x 5 RGB: pixel (x, y) = ((40x + 10y) % 256, (200 - 20x) % 256, (50y + 5) % 256). */
function gradient(): RgbImage {
  const width = 6;
  const height = 5;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([(40 * x + 10 * y) % 256, (200 - 20 * x) % 256, (50 * y + 5) % 256], (y * width + x) * 3);
  }
  return { width, height, data };
}

function maskOf(width: number, height: number, pixels: [number, number][]): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const [x, y] of pixels) mask[y * width + x] = 255;
  return mask;
}

const pixel = (image: RgbImage, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3)];

// Expected values from OpenCV 4.6 (Debian's python3-opencv), as Design2Code calls it:
//   cv2.cvtColor(cv2.inpaint(cv2.cvtColor(img, cv2.COLOR_RGB2BGR), mask, 3, cv2.INPAINT_TELEA), cv2.COLOR_BGR2RGB)
describe("inpaintTelea", () => {
  it("fills masked pixels as cv2.inpaint(..., 3, INPAINT_TELEA) does, and keeps the rest", () => {
    const image = gradient();
    const mask = maskOf(6, 5, [
      [2, 1],
      [3, 1],
      [2, 2],
      [3, 2],
      [0, 4],
    ]);
    const out = inpaintTelea(image, mask, 3);
    expect(pixel(out, 2, 1)).toEqual([95, 162, 80]);
    expect(pixel(out, 3, 1)).toEqual([130, 145, 84]);
    expect(pixel(out, 2, 2)).toEqual([105, 159, 108]);
    expect(pixel(out, 3, 2)).toEqual([130, 147, 108]);
    expect(pixel(out, 0, 4)).toEqual([82, 175, 159]);
    for (let i = 0; i < 30; i++) if (!mask[i]) expect(pixel(out, i % 6, Math.floor(i / 6))).toEqual(pixel(image, i % 6, Math.floor(i / 6)));
    expect(pixel(image, 2, 1)).toEqual([90, 160, 55]); // the input is not changed
  });

  it("keeps OpenCV's rounding: a flat colour comes back within a level or two, as cv2 gives it", () => {
    // cv2 on a 9 x 9 image of one grey with its 3 x 3 centre masked gives these levels inside.
    for (const [grey, levels] of [
      [100, [99, 100, 101]],
      [101, [100, 101, 102]],
      [37, [36, 37, 38, 39]],
    ] as const) {
      const image = { width: 9, height: 9, data: new Uint8Array(243).fill(grey) };
      const centre: [number, number][] = [];
      for (let y = 3; y < 6; y++) for (let x = 3; x < 6; x++) centre.push([x, y]);
      const out = inpaintTelea(image, maskOf(9, 9, centre), 3);
      expect([...new Set(centre.flatMap(([x, y]) => pixel(out, x, y)))].sort((a, b) => a - b)).toEqual(levels);
    }
  });

  it("returns an unchanged copy for an empty mask, and refuses a mask of the wrong size", () => {
    const image = gradient();
    const out = inpaintTelea(image, new Uint8Array(30), 3);
    expect(out.data).not.toBe(image.data);
    expect([...out.data]).toEqual([...image.data]);
    expect(() => inpaintTelea(image, new Uint8Array(29), 3)).toThrow("mask has 29 pixels, expected 30");
  });
});
