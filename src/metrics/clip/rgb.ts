import type { RasterImage } from "../types.js";

/** 8-bit RGB pixels, 3 bytes a pixel, row-major: what OpenCV's inpainting and PIL's RGB resize work on. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * A decoded RGBA render without its alpha channel. Design2Code's `cv2.cvtColor(..., COLOR_RGB2BGR)`
 * drops alpha the same way (no compositing); Chrome's screenshots are opaque anyway.
 */
export function toRgb(image: RasterImage): RgbImage {
  const pixels = image.width * image.height;
  if (image.data.length !== pixels * 4) {
    throw new Error(`image data has ${image.data.length} bytes, expected ${pixels * 4} for ${image.width}x${image.height} RGBA`);
  }
  const data = new Uint8Array(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    data[i * 3] = image.data[i * 4]!;
    data[i * 3 + 1] = image.data[i * 4 + 1]!;
    data[i * 3 + 2] = image.data[i * 4 + 2]!;
  }
  return { width: image.width, height: image.height, data };
}
