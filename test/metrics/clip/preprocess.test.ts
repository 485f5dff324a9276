import { describe, expect, it } from "vitest";
import { CLIP_SIDE, clipInput, normalise } from "../../../src/metrics/clip/preprocess.js";
import type { RgbImage } from "../../../src/metrics/clip/rgb.js";

const PLANE = CLIP_SIDE * CLIP_SIDE;
const at = (input: Float32Array, c: number, y: number, x: number) => input[c * PLANE + y * CLIP_SIDE + x]!;

/** 3 x 5 RGB: pixel (x, y) = ((90x + 40y) % 256, 60y % 256, (255 - 100x) mod 256). */
function tall(): RgbImage {
  const data = new Uint8Array(3 * 5 * 3);
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) data.set([(90 * x + 40 * y) % 256, (60 * y) % 256, (((255 - 100 * x) % 256) + 256) % 256], (y * 3 + x) * 3);
  }
  return { width: 3, height: 5, data };
}

// Expected values from Design2Code's pipeline in Pillow 9.4 + numpy float32 (as torchvision's ToTensor and Normalize compute):
//   im = im.resize((s, s), Image.LANCZOS); im = im.resize((224, 224), Image.BICUBIC)
//   t = np.asarray(im).astype(np.float32).transpose(2, 0, 1) / np.float32(255); (t - mean[:, None, None]) / std[:, None, None]
// with mean and std as float32 arrays of CLIP's constants.
describe("clipInput", () => {
  it("squeezes two pixels into one and spreads it over 224 x 224: (128, 0, 128), normalised", () => {
    // Lanczos 2 -> 1 weighs both pixels 1/2: (255 + 0) / 2 rounds to 128 in Pillow's fixed point.
    const input = clipInput({ width: 2, height: 1, data: new Uint8Array([255, 0, 0, 0, 0, 255]) });
    expect(input.length).toBe(3 * PLANE);
    expect(new Set(input.subarray(0, PLANE))).toEqual(new Set([0.07633614540100098]));
    expect(new Set(input.subarray(PLANE, 2 * PLANE))).toEqual(new Set([-1.7520971298217773]));
    expect(new Set(input.subarray(2 * PLANE))).toEqual(new Set([0.33994877338409424]));
  });

  it("gives Design2Code's values for a tall page, squeezed (not cropped) to a square", () => {
    const input = clipInput(tall());
    expect(at(input, 0, 0, 0)).toBe(-1.7922625541687012);
    expect(at(input, 1, 100, 37)).toBe(-0.20629698038101196);
    expect(at(input, 2, 223, 223)).toBe(-0.8687569499015808);
    expect(at(input, 0, 111, 112)).toBe(0.6894699931144714);
    expect(at(input, 1, 5, 200)).toBe(-1.6470427513122559);
    expect(input.reduce((sum, v) => sum + v, 0)).toBeCloseTo(34706.75308609847, 6);
  });

  it("refuses an empty render", () => {
    expect(() => clipInput({ width: 0, height: 10, data: new Uint8Array() })).toThrow("cannot embed an empty 0x10 image");
  });
});

describe("normalise", () => {
  it("refuses anything but 224 x 224 RGB bytes", () => {
    expect(() => normalise(new Uint8Array(10))).toThrow(`expected ${3 * PLANE} bytes of 224x224 RGB, got 10`);
  });
});
