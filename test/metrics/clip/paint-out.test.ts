import { describe, expect, it } from "vitest";
import { paintOutText, textMask } from "../../../src/metrics/clip/paint-out.js";

const rows = (mask: Uint8Array, width: number) =>
  Array.from({ length: mask.length / width }, (_, y) =>
    [...mask.subarray(y * width, (y + 1) * width)].map((v) => (v ? "#" : ".")).join(""),
  );

describe("textMask", () => {
  it("marks every pixel a box touches, fractional edges rounded outwards, clipped to the image", () => {
    const mask = textMask(6, 4, [
      { x: 1, y: 0, width: 2, height: 1 },
      { x: 3.5, y: 1.2, width: 1, height: 1 },
      { x: -2, y: 3, width: 3, height: 5 },
      { x: 10, y: 1, width: 2, height: 2 },
      { x: 2, y: 2, width: 0, height: 1 },
    ]);
    expect(rows(mask, 6)).toEqual([".##...", "...##.", "...##.", "#....."]);
  });

  it("names a block whose box is not a number", () => {
    expect(() =>
      textMask(2, 2, [
        { x: 0, y: 0, width: 1, height: 1 },
        { x: NaN, y: 0, width: 1, height: 1 },
      ]),
    ).toThrow("text block 1 has a box that is not finite");
  });
});

describe("paintOutText", () => {
  it("gives the image back as it was when the page has no text", () => {
    const image = { width: 1, height: 1, data: new Uint8Array([1, 2, 3]) };
    expect(paintOutText(image, [])).toBe(image);
  });

  it("paints a dark word on white out to white, within OpenCV's level of rounding", () => {
    const width = 20;
    const height = 9;
    const data = new Uint8Array(width * height * 3).fill(255);
    // A black "word" at x 6..13, y 3..5.
    for (let y = 3; y < 6; y++) data.fill(0, (y * width + 6) * 3, (y * width + 14) * 3);
    const out = paintOutText({ width, height, data }, [{ x: 5, y: 2, width: 10, height: 5 }]);
    expect(Math.min(...out.data)).toBeGreaterThanOrEqual(254);
  });
});
