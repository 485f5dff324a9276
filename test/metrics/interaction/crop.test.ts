import { describe, expect, it } from "vitest";
import { cropToBox, scaleToWidth } from "../../../src/metrics/interaction/crop.js";
import type { RasterImage } from "../../../src/shared/png.js";

/** A width x height image whose pixel (x, y) is [x, y, 0, 255]: where each pixel came from shows. */
function numbered(width: number, height: number): RasterImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 0, 255], (y * width + x) * 4);
  return { width, height, data };
}

function solid(width: number, height: number, rgba: readonly number[]): RasterImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
  return { width, height, data };
}

describe("cropToBox", () => {
  it("keeps the pixels inside the box", () => {
    const crop = cropToBox(numbered(4, 3), { x: 1, y: 1, width: 2, height: 2 });
    expect(crop.width).toBe(2);
    expect(crop.height).toBe(2);
    expect([...crop.data]).toEqual([1, 1, 0, 255, 2, 1, 0, 255, 1, 2, 0, 255, 2, 2, 0, 255]);
  });

  it("keeps the part of a box that lies inside the image", () => {
    const crop = cropToBox(numbered(3, 2), { x: 2, y: -1, width: 5, height: 2 });
    expect(crop).toEqual({ width: 1, height: 1, data: new Uint8Array([2, 0, 0, 255]) });
  });

  it("throws for a box outside the image", () => {
    expect(() => cropToBox(numbered(3, 2), { x: 3, y: 0, width: 2, height: 2 })).toThrow("box 2x2 at (3, 0) lies outside the 3x2 image");
  });
});

describe("scaleToWidth", () => {
  it("keeps the aspect, the height rounded", async () => {
    const scaled = await scaleToWidth(solid(3, 1, [10, 20, 30, 255]), 5);
    // 1 * 5 / 3 = 1.67 rows: 2.
    expect([scaled.width, scaled.height]).toEqual([5, 2]);
    expect([...scaled.data.subarray(0, 4)]).toEqual([10, 20, 30, 255]);
  });

  it("halves a picture to half its width, its colour kept", async () => {
    const scaled = await scaleToWidth(solid(4, 2, [200, 100, 50, 255]), 2);
    expect([scaled.width, scaled.height]).toEqual([2, 1]);
    expect([...scaled.data]).toEqual([200, 100, 50, 255, 200, 100, 50, 255]);
  });
});
