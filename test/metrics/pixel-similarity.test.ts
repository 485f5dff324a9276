import { describe, expect, it } from "vitest";
import { pixelSimilarity } from "../../src/metrics/pixel-similarity.js";
import type { RasterImage } from "../../src/metrics/types.js";
import { grey, image, page, score as scoreWith } from "./helpers.js";

const score = (pred: RasterImage, ref: RasterImage) => scoreWith(pixelSimilarity, page("", pred), page("", ref));
const empty: RasterImage = { width: 0, height: 0, data: new Uint8Array(0) };

describe("pixel_similarity", () => {
  it("is 1 for identical renders", async () => {
    expect(await score(image(["#.", ".#"]), image(["#.", ".#"]))).toBe(1);
  });

  it("is 1 minus the share of different pixels", async () => {
    expect(await score(image(["#.", ".."]), image(["..", ".."]))).toBe(0.75);
    expect(await score(image(["##", "#."]), image(["..", ".."]))).toBe(0.25);
  });

  it("pads a prediction smaller than the reference with white", async () => {
    expect(await score(image(["#"]), image(["#."]))).toBe(1);
    expect(await score(image(["#"]), image([".."]))).toBe(0.5);
    expect(await score(image(["#"]), image(["#", "#"]))).toBe(0.5);
    // Missing page where the reference is white costs nothing: a browser shows white there too.
    expect(await score(image(["."]), image([".", "."]))).toBe(1);
  });

  it("counts every pixel of the prediction beyond the reference's page as different, whatever its colour", async () => {
    // White under a taller prediction is not agreement: version 1 scored this 1.
    expect(await score(image([".", "."]), image(["."]))).toBe(0.5);
    expect(await score(image(["#", "#", "#", "#"]), image(["#"]))).toBe(0.25);
    expect(await score(image(["..", ".."]), image(["."]))).toBe(0.25);
    // 2x1 on a 1x2 reference: cut to "#" and padded with a white pixel, against "#" "#": one differs;
    // of the 2x2 compared, the 2 pixels right of the reference are outside it: 3 of 4 differ.
    expect(await score(image(["#."]), image(["#", "#"]))).toBe(0.25);
  });

  it("never scores an empty white page above an empty page the reference's height or shorter", async () => {
    const reference = image(["#.", "..", "..", "#."]);
    const emptyPage = (rows: number) => image(Array.from({ length: rows }, () => ".."));
    const scores = await Promise.all([1, 2, 4, 8, 16].map((rows) => score(emptyPage(rows), reference)));
    // Alike up to the reference's 4 rows (2 black pixels of 8 differ), then down in proportion.
    expect(scores).toEqual([0.75, 0.75, 0.75, 0.375, 0.1875]);
  });

  it("uses pixelmatch's threshold 0.1: grey 26 levels off white passes, 27 does not", async () => {
    // Grey delta is 0.5053 * d^2 against 35215 * 0.1^2 = 352.15: 341.6 for 26, 368.4 for 27.
    expect(await score(grey(229), grey(255))).toBe(1);
    expect(await score(grey(228), grey(255))).toBe(0);
  });

  it("is 1 when both renders are empty, and 0 for any page against an empty reference", async () => {
    expect(await score(empty, empty)).toBe(1);
    expect(await score(image(["."]), empty)).toBe(0);
    expect(await score(empty, image(["#."]))).toBe(0.5);
  });

  it("accepts pixels that start off a 4-byte boundary", async () => {
    const backing = new Uint8Array(17);
    backing.set(image(["#.", ".."]).data, 1);
    const shifted: RasterImage = { width: 2, height: 2, data: backing.subarray(1) };
    expect(await score(shifted, image(["..", ".."]))).toBe(0.75);
  });

  it("rejects pixel data that does not match its size", async () => {
    await expect(score({ width: 2, height: 2, data: new Uint8Array(4) }, image(["."]))).rejects.toThrow(/expected 16/);
  });
});
