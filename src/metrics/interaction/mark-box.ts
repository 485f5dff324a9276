import type { RasterImage } from "../../shared/png.js";
import type { Box } from "../../shared/interactions.js";
import { pixelDiffers } from "./changed-box.js";

/**
 * What counts as the mark's red. Interaction2Code's marks are drawn in pure #ff0000 (every mark
 * pixel of the public sample is exactly that); the margins keep a mark that was re-encoded lossily.
 */
const MARK_RED = { minRed: 200, maxGreen: 80, maxBlue: 80 };

/**
 * Where the red box of an Interaction2Code `N_mark.png` lies, given the same state without it
 * (`N.png`): the bounding box of the first connected red outline among the pixels that differ
 * between the two. "First" is reading order: the outline holding the top-most, then left-most
 * such pixel (8-connected). Null when no red pixel differs.
 *
 * Interaction2Code takes instead the first contour OpenCV finds in an HSV red threshold of the
 * marked screenshot alone, which can be red in the page itself (a red button, a logo) and, where a
 * mark holds several boxes, whichever contour OpenCV lists first. Comparing with the unmarked
 * state leaves only the mark (docs/metrics.md#interaction-scores-building-blocks).
 */
export function markBox(marked: RasterImage, plain: RasterImage): Box | null {
  const isMark = (x: number, y: number): boolean => isMarkRed(marked, x, y) && pixelDiffers(marked, plain, x, y);
  const start = firstInReadingOrder(marked, isMark);
  return start === null ? null : outlineBox(marked, start, isMark);
}

function isMarkRed(image: RasterImage, x: number, y: number): boolean {
  const i = (y * image.width + x) * 4;
  return (
    (image.data[i] as number) >= MARK_RED.minRed &&
    (image.data[i + 1] as number) <= MARK_RED.maxGreen &&
    (image.data[i + 2] as number) <= MARK_RED.maxBlue
  );
}

function firstInReadingOrder(image: RasterImage, isMark: (x: number, y: number) => boolean): number | null {
  for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) if (isMark(x, y)) return y * image.width + x;
  return null;
}

/** The bounding box of the 8-connected mark pixels reachable from `start` (an index y * width + x). */
function outlineBox(image: RasterImage, start: number, isMark: (x: number, y: number) => boolean): Box {
  const { width, height } = image;
  const seen = new Uint8Array(width * height);
  const pending = [start];
  seen[start] = 1;
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let index = pending.pop(); index !== undefined; index = pending.pop()) {
    const x = index % width;
    const y = (index - x) / width;
    left = Math.min(left, x);
    right = Math.max(right, x);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
    for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
      for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
        const next = ny * width + nx;
        if (seen[next] === 1 || !isMark(nx, ny)) continue;
        seen[next] = 1;
        pending.push(next);
      }
    }
  }
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}
