import { describe, expect, it } from "vitest";
import { pixelSimilarity } from "../../src/metrics/pixel-similarity.js";
import type { RasterImage } from "../../src/metrics/types.js";
import { grey, image, page } from "./helpers.js";

const score = (pred: RasterImage, ref: RasterImage) => pixelSimilarity.compute(page("", pred), page("", ref));
const raw = (pred: RasterImage, ref: RasterImage) => pixelSimilarity.compute({ ...page(), image: pred }, { ...page(), image: ref });
const empty: RasterImage = { width: 0, height: 0, data: new Uint8Array(0) };

describe("pixel_similarity", () => {
  it("is 1 for identical renders", () => {
    expect(score(image(["#.", ".#"]), image(["#.", ".#"]))).toBe(1);
  });

  it("is 1 minus the share of different pixels", () => {
    expect(score(image(["#.", ".."]), image(["..", ".."]))).toBe(0.75);
    expect(score(image(["##", "#."]), image(["..", ".."]))).toBe(0.25);
  });

  it("pads the smaller render with white", () => {
    expect(score(image(["#"]), image(["#."]))).toBe(1);
    expect(score(image(["#"]), image([".."]))).toBe(0.5);
    expect(score(image(["#"]), image(["#", "#"]))).toBe(0.5);
    // 2x1 and 1x2 both become 2x2: "#." + ".." against "#." + "#." differ in one pixel.
    expect(score(image(["#."]), image(["#", "#"]))).toBe(0.75);
  });

  it("uses pixelmatch's threshold 0.1: grey 26 levels off white passes, 27 does not", () => {
    // Grey delta is 0.5053 * d^2 against 35215 * 0.1^2 = 352.15: 341.6 for 26, 368.4 for 27.
    expect(score(grey(229), grey(255))).toBe(1);
    expect(score(grey(228), grey(255))).toBe(0);
  });

  it("is 1 when both renders are empty", () => {
    expect(raw(empty, empty)).toBe(1);
  });

  it("accepts pixels that start off a 4-byte boundary", () => {
    const backing = new Uint8Array(17);
    backing.set(image(["#.", ".."]).data, 1);
    const shifted: RasterImage = { width: 2, height: 2, data: backing.subarray(1) };
    expect(raw(shifted, image(["..", ".."]))).toBe(0.75);
  });

  it("rejects pixel data that does not match its size", () => {
    expect(() => raw({ width: 2, height: 2, data: new Uint8Array(4) }, image(["."]))).toThrow(/expected 16/);
  });
});
