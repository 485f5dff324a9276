import { describe, expect, it } from "vitest";
import { BICUBIC, LANCZOS, resample } from "../../../src/metrics/clip/resample.js";
import type { RgbImage } from "../../../src/metrics/clip/rgb.js";

/** 7 x 3 RGB: pixel (x, y) = ((37x + 11y) % 256, (13x² + 29y) % 256, (255 - 31x - 7y) mod 256). */
function pattern(): RgbImage {
  const width = 7;
  const height = 3;
  const data = new Uint8Array(width * height * 3);
  const mod = (v: number) => ((v % 256) + 256) % 256;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      data.set([mod(37 * x + 11 * y), mod(13 * x * x + 29 * y), mod(255 - 31 * x - 7 * y)], (y * width + x) * 3);
  }
  return { width, height, data };
}

// Expected bytes from Pillow 9.4 (Debian's python3-pil), the same pattern built with numpy:
//   Image.fromarray(a, "RGB").resize(size, filter); list(np.asarray(...).reshape(-1))
describe("resample", () => {
  it("shrinks as Pillow's LANCZOS does, to the byte", () => {
    expect([...resample(pattern(), 3, 3, LANCZOS).data]).toEqual([
      24, 6, 235, 111, 117, 162, 198, 159, 89, 35, 35, 228, 122, 146, 155, 209, 188, 82, 46, 77, 221, 133, 115, 148, 220, 56, 75,
    ]);
  });

  it("shrinks as Pillow's BICUBIC does, to the byte", () => {
    expect([...resample(pattern(), 3, 2, BICUBIC).data]).toEqual([
      30, 19, 231, 114, 130, 160, 198, 169, 89, 46, 64, 221, 130, 126, 150, 214, 104, 79,
    ]);
  });

  it("enlarges as Pillow's BICUBIC does, overshoot clamped to 0 and 255", () => {
    const out = resample(pattern(), 10, 5, BICUBIC);
    expect([out.width, out.height]).toEqual([10, 5]);
    expect([...out.data.subarray(0, 30)]).toEqual([
      0, 0, 255, 16, 2, 241, 45, 18, 217, 71, 47, 196, 97, 89, 174, 123, 154, 152, 149, 204, 130, 175, 87, 109, 204, 125, 85, 223, 219, 68,
    ]);
    expect([...out.data.subarray(120)]).toEqual([
      21, 59, 242, 40, 64, 225, 69, 80, 201, 95, 109, 180, 121, 172, 158, 147, 118, 136, 173, 0, 114, 199, 106, 93, 228, 76, 69, 247, 0, 52,
    ]);
  });

  it("leaves an axis whose size stays untouched, and the image when both stay", () => {
    const image = pattern();
    expect(resample(image, 7, 3, LANCZOS)).toBe(image);
    // Only rows change: each column is resampled on its own, so a one-row image keeps its pixels.
    const row: RgbImage = { width: 7, height: 1, data: image.data.subarray(0, 21) };
    expect([...resample(row, 7, 4, BICUBIC).data.subarray(63)]).toEqual([...row.data]);
  });

  it("refuses data that does not fit the size", () => {
    expect(() => resample({ width: 2, height: 2, data: new Uint8Array(11) }, 1, 1, BICUBIC)).toThrow(
      "image data has 11 bytes, expected 12",
    );
  });
});
