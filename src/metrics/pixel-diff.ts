import pixelmatch from "pixelmatch";
import type { RasterImage } from "./types.js";

/** pixelmatch's colour threshold for "alike" (its own default), used by pixel_similarity and the report's heatmap. */
export const PIXELMATCH_THRESHOLD = 0.1;

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

export interface PixelDiff {
  /** Pixels pixelmatch counts as different. */
  different: number;
  /** The compared canvas: the larger width and height of the two. */
  width: number;
  height: number;
  /** With `draw`: the difference as RGBA (differing pixels red over the faded first image). */
  picture?: Uint8Array;
}

/**
 * Compares two renders on a canvas of the larger size, each padded with white, as
 * pixel_similarity does; with `draw` the same call paints the difference, so a picture of it is
 * the metric itself.
 */
export function pixelDiff(a: RasterImage, b: RasterImage, options: { draw?: boolean } = {}): PixelDiff {
  const width = Math.max(a.width, b.width);
  const height = Math.max(a.height, b.height);
  const [first, second] = [padWithWhite(a, width, height), padWithWhite(b, width, height)];
  const picture = options.draw ? new Uint8Array(width * height * 4) : undefined;
  const different = width * height === 0 ? 0 : pixelmatch(first, second, picture, width, height, { threshold: PIXELMATCH_THRESHOLD });
  return { different, width, height, ...(picture ? { picture } : {}) };
}
