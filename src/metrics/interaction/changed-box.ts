import type { RasterImage } from "../../shared/png.js";
import type { Box } from "../../shared/interactions.js";

/**
 * The smallest box holding every pixel that differs between two captures of a page (RGBA compared
 * exactly), over the larger of the two canvases: a pixel that lies in only one image (one page grew)
 * counts as changed. Null when the two are the same picture. Box sides are whole pixels, inclusive:
 * a single changed pixel at (3, 4) gives `{ x: 3, y: 4, width: 1, height: 1 }`.
 *
 * Exact comparison because the dataset's screenshots are lossless PNGs with no noise between two
 * captures of the same state (docs/metrics.md#interaction-scores-building-blocks).
 */
export function changedBox(before: RasterImage, after: RasterImage): Box | null {
  const width = Math.max(before.width, after.width);
  const height = Math.max(before.height, after.height);
  let left = width;
  let right = -1;
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    const first = firstChangeInRow(before, after, y, width);
    if (first === -1) continue;
    if (top === -1) top = y;
    bottom = y;
    left = Math.min(left, first);
    right = Math.max(right, lastChangeInRow(before, after, y, width));
  }
  if (top === -1) return null;
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

function firstChangeInRow(a: RasterImage, b: RasterImage, y: number, width: number): number {
  for (let x = 0; x < width; x++) if (pixelDiffers(a, b, x, y)) return x;
  return -1;
}

function lastChangeInRow(a: RasterImage, b: RasterImage, y: number, width: number): number {
  for (let x = width - 1; x >= 0; x--) if (pixelDiffers(a, b, x, y)) return x;
  return -1;
}

/** True where (x, y) differs in any RGBA byte, or lies inside one image only. */
export function pixelDiffers(a: RasterImage, b: RasterImage, x: number, y: number): boolean {
  const inA = x < a.width && y < a.height;
  const inB = x < b.width && y < b.height;
  if (inA !== inB) return true;
  if (!inA) return false;
  const i = (y * a.width + x) * 4;
  const j = (y * b.width + x) * 4;
  return a.data[i] !== b.data[j] || a.data[i + 1] !== b.data[j + 1] || a.data[i + 2] !== b.data[j + 2] || a.data[i + 3] !== b.data[j + 3];
}
