import pixelmatch from "pixelmatch";
import type { Metric, RasterImage } from "./types.js";

const WHITE = 255;

/**
 * The image's pixels on a `width` x `height` canvas, the new area white.
 * Reuses the original buffer when nothing needs padding, unless it starts off a
 * 4-byte boundary: pixelmatch views the pixels as a Uint32Array, which throws there.
 */
function padWithWhite(image: RasterImage, width: number, height: number): Uint8Array {
  const rowBytes = image.width * 4;
  if (image.data.length !== rowBytes * image.height) {
    throw new Error(
      `image data has ${image.data.length} bytes, expected ${rowBytes * image.height} for ${image.width}x${image.height} RGBA`,
    );
  }
  if (image.width === width && image.height === height && image.data.byteOffset % 4 === 0) return image.data;
  const canvas = new Uint8Array(width * height * 4).fill(WHITE);
  for (let y = 0; y < image.height; y++) {
    canvas.set(image.data.subarray(y * rowBytes, (y + 1) * rowBytes), y * width * 4);
  }
  return canvas;
}

export const pixelSimilarity: Metric = {
  id: "pixel_similarity",
  version: 1,
  description:
    "Share of pixels that pixelmatch (threshold 0.1) finds alike between the two renders, the smaller padded with white to the larger size.",
  higherIsBetter: true,
  compute(pred, ref) {
    const width = Math.max(pred.image.width, ref.image.width);
    const height = Math.max(pred.image.height, ref.image.height);
    const predPixels = padWithWhite(pred.image, width, height);
    const refPixels = padWithWhite(ref.image, width, height);
    // Nothing to compare (both renders empty) counts as alike.
    if (width * height === 0) return 1;
    const different = pixelmatch(predPixels, refPixels, undefined, width, height, { threshold: 0.1 });
    return 1 - different / (width * height);
  },
};
