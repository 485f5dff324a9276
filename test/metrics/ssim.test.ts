import { ssim as ssimJs } from "ssim.js";
import { describe, expect, it } from "vitest";
import { ssim, structuralSimilarity } from "../../src/metrics/ssim.js";
import type { RasterImage } from "../../src/metrics/types.js";
import { page, score } from "./helpers.js";

/** A page-like test image: bands and blocks of colour from a seed, with a little noise. */
function picture(width: number, height: number, seed: number): RasterImage {
  const data = new Uint8Array(width * height * 4);
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648);
  const band = 7 + (seed % 13);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const block = (Math.floor(x / (band * 3)) + Math.floor(y / band)) % 3;
      data[i] = block * 90 + (next() % 9);
      data[i + 1] = ((x * seed) % 200) + (block === 1 ? 40 : 0);
      data[i + 2] = (y * 3) % 256;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

/**
 * ssim.js 3.5.0's port of ssim.m on the prediction laid on the reference's canvas (cut, or padded with
 * white), times the share of the compared area the reference covers.
 */
function reference(pred: RasterImage, ref: RasterImage): number {
  const { width, height } = ref;
  const lay = (image: RasterImage) => {
    const data = new Uint8ClampedArray(width * height * 4).fill(255);
    const keep = Math.min(image.width, width) * 4;
    for (let y = 0; y < Math.min(image.height, height); y++)
      data.set(image.data.subarray(y * image.width * 4, y * image.width * 4 + keep), y * width * 4);
    return { data, width, height };
  };
  const share = (width * height) / (Math.max(pred.width, width) * Math.max(pred.height, height));
  return ssimJs(lay(pred), lay(ref), { ssim: "original" }).mssim * share;
}

describe("ssim", () => {
  it.each([
    ["no down-scaling (f = 1)", 180, 120, 150, 140],
    ["down-scaled by 3, the prediction narrower (padded) and taller (cut, and its extra length counting 0)", 700, 800, 720, 760],
    ["down-scaled by 3, the prediction wider and shorter", 760, 700, 720, 740],
    ["down-scaled by 5, a page-sized pair", 1280, 1400, 1280, 1300],
  ])("agrees with ssim.js's port of ssim.m: %s", (_name, w1, h1, w2, h2) => {
    const a = picture(w1, h1, 3);
    const b = picture(w2, h2, 5);
    expect(structuralSimilarity(a, b)).toBeCloseTo(reference(a, b), 10);
  });

  it("is exactly 1 for the same render, below 1 for another", async () => {
    const a = picture(1280, 900, 7);
    expect(await score(ssim, page("", a), page("", { ...a, data: Uint8Array.from(a.data) }))).toBe(1);
    expect(await score(ssim, page("", a), page("", picture(1280, 900, 8)))).toBeLessThan(0.9);
  });

  it("scores a prediction's page beyond the reference's as 0: the same page with extra length scores its share", () => {
    const ref = picture(300, 200, 4);
    const longer = new Uint8Array(300 * 300 * 4).fill(255);
    longer.set(ref.data);
    expect(structuralSimilarity({ width: 300, height: 300, data: longer }, ref)).toBe(200 / 300);
    // Shorter instead: the missing rows are white against the reference's own, not 0 by rule.
    expect(structuralSimilarity(ref, { width: 300, height: 300, data: longer })).toBeGreaterThan(0.9);
  });

  it("down-scales an even factor with MATLAB's window (one pixel before, two after, for f = 4)", () => {
    // 1024 x 1024: f = 4, compared at 256 x 256. A white page against one whose only dark pixels are
    // the columns x ≡ 2 (mod 4): MATLAB's window for sample q covers 4q - 1 .. 4q + 2, so every sample
    // holds one dark column, and the down-scaled image is uniform (mean 191.25): SSIM of two flat images.
    const white = { width: 1024, height: 1024, data: new Uint8Array(1024 * 1024 * 4).fill(255) };
    const striped = Uint8Array.from(white.data);
    for (let y = 0; y < 1024; y++) for (let x = 2; x < 1024; x += 4) striped.fill(0, (y * 1024 + x) * 4, (y * 1024 + x) * 4 + 3);
    const c1 = (0.01 * 255) ** 2;
    const flat = (2 * 255 * 191.25 + c1) / (255 * 255 + 191.25 * 191.25 + c1);
    expect(structuralSimilarity(white, { width: 1024, height: 1024, data: striped })).toBeCloseTo(flat, 10);
  });

  it("scores a 1280 x 3000 pair, down-scaled by 5, the same each time", () => {
    // About 30 ms of CPU (ssim.js: about 400 ms); no clock is read here, the unit tier asserts no timing.
    const a = picture(1280, 3000, 11);
    const b = picture(1280, 2800, 12);
    const score = structuralSimilarity(a, b);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(1);
    expect(structuralSimilarity(a, b)).toBe(score);
  });
});
