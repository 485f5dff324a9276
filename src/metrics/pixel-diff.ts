import pixelmatch from "pixelmatch";
import type { RasterImage } from "./types.js";

/** pixelmatch's colour threshold for "alike" (its own default), used by pixel_similarity and the report's heatmap. */
export const PIXELMATCH_THRESHOLD = 0.1;

const WHITE = 255;
/** What the picture paints where the prediction has page the reference has not: pixelmatch's own colour for a difference. */
const DIFFERENT = [255, 0, 0, 255] as const;

/**
 * The image's pixels on a `width` x `height` canvas: cut where the image is larger, the new area
 * white where it is smaller (what a browser shows below a short page). Reuses the original buffer
 * when the sizes match, unless it starts off a 4-byte boundary: pixelmatch views the pixels as a
 * Uint32Array, which throws there.
 */
function fitCanvas(image: RasterImage, width: number, height: number): Uint8Array {
  const rowBytes = image.width * 4;
  if (image.data.length !== rowBytes * image.height) {
    throw new Error(
      `image data has ${image.data.length} bytes, expected ${rowBytes * image.height} for ${image.width}x${image.height} RGBA`,
    );
  }
  if (image.width === width && image.height === height && image.data.byteOffset % 4 === 0) return image.data;
  const canvas = new Uint8Array(width * height * 4).fill(WHITE);
  const keep = Math.min(image.width, width) * 4;
  for (let y = 0; y < Math.min(image.height, height); y++) {
    canvas.set(image.data.subarray(y * rowBytes, y * rowBytes + keep), y * width * 4);
  }
  return canvas;
}

export interface PixelDiff {
  /** Pixels that count as different: those pixelmatch finds different on the reference's canvas, and every pixel outside it. */
  different: number;
  /** The compared canvas: the larger width and the larger height of the two renders. */
  width: number;
  height: number;
  /** With `draw`: the difference as RGBA (differing pixels red over the faded reference, the area outside it red). */
  picture?: Uint8Array;
}

/**
 * Compares a prediction's render with its reference's, as pixel_similarity does: the prediction is
 * laid on the reference's canvas (cut to it, or padded with white where it is shorter or narrower)
 * and pixelmatch counts the pixels that differ there; every pixel of the prediction's page beyond
 * the reference's canvas (more exactly: of the larger width by the larger height, outside the
 * reference) counts as different. So a prediction cannot buy similarity with page length, and a
 * missing part of the page costs what the reference shows there. With `draw` the same call paints
 * the difference, so a picture of it is the metric itself.
 */
export function pixelDiff(pred: RasterImage, ref: RasterImage, options: { draw?: boolean } = {}): PixelDiff {
  const width = Math.max(pred.width, ref.width);
  const height = Math.max(pred.height, ref.height);
  const reference = fitCanvas(ref, ref.width, ref.height);
  const laid = fitCanvas(pred, ref.width, ref.height);
  const inside = ref.width * ref.height;
  const drawn = options.draw ? new Uint8Array(inside * 4) : undefined;
  const differentInside = inside === 0 ? 0 : pixelmatch(reference, laid, drawn, ref.width, ref.height, { threshold: PIXELMATCH_THRESHOLD });
  const different = differentInside + width * height - inside;
  if (!drawn) return { different, width, height };
  const picture = new Uint8Array(width * height * 4);
  for (let i = 0; i < picture.length; i += 4) picture.set(DIFFERENT, i);
  for (let y = 0; y < ref.height; y++) picture.set(drawn.subarray(y * ref.width * 4, (y + 1) * ref.width * 4), y * width * 4);
  return { different, width, height, picture };
}
