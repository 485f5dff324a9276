import { pixelDiff, type RasterImage } from "../../metrics/index.js";
import { pictureScale, scaled, type PictureScale, type RawImage } from "./images.js";

/**
 * Where a render has no page on the compared canvas: grey diagonal stripes, 4 picture pixels
 * each, so that the padding shows as padding (plain white would look like a page's own white).
 */
const HATCH = [
  [0xd0, 0xd7, 0xde, 0xff],
  [0xf0, 0xf2, 0xf4, 0xff],
] as const;
const STRIPE = 4;

/** The hatch's colour at a picture pixel. */
export function hatchAt(x: number, y: number): readonly number[] {
  return HATCH[Math.floor((x + y) / STRIPE) % 2]!;
}

/** The canvas the pixel scores compare two renders on, and how the gallery's pictures show it. */
export interface ComparedCanvas extends PictureScale {
  /** In page pixels: the larger width and the larger height of the renders (one render's own size when the other is missing). */
  canvas: { width: number; height: number };
  /** The pictures' size: the canvas (its top `shownHeight` rows) at `scale`. */
  size: { width: number; height: number };
}

export function comparedCanvas(renders: readonly RasterImage[]): ComparedCanvas {
  const canvas = { width: Math.max(...renders.map((r) => r.width)), height: Math.max(...renders.map((r) => r.height)) };
  const fit = pictureScale(canvas.width, canvas.height);
  return {
    canvas,
    ...fit,
    size: { width: Math.max(1, Math.round(canvas.width * fit.scale)), height: Math.max(1, Math.round(fit.shownHeight * fit.scale)) },
  };
}

/** A render as the scores saw it: scaled, at the top left of the compared canvas, hatched where it has no page. */
export async function onCanvas(render: RasterImage, fit: ComparedCanvas): Promise<RawImage> {
  const picture = await scaled(render, fit.scale, Math.min(render.height, fit.shownHeight));
  const { width, height } = fit.size;
  const rowBytes = width * 4;
  const hatchRows = Array.from({ length: 2 * STRIPE }, (_, y) => {
    const row = Buffer.alloc(rowBytes);
    for (let x = 0; x < width; x++) row.set(hatchAt(x, y), x * 4);
    return row;
  });
  const data = Buffer.alloc(rowBytes * height);
  const keep = Math.min(picture.width, width) * 4;
  for (let y = 0; y < height; y++) {
    hatchRows[y % hatchRows.length]!.copy(data, y * rowBytes);
    if (y < picture.height) picture.data.copy(data, y * rowBytes, y * picture.width * 4, y * picture.width * 4 + keep);
  }
  return { data, width, height };
}

/**
 * What pixel_similarity counted, drawn by the call it makes, on the full-resolution renders (a
 * difference of thumbnails would count other pixels), and only then scaled to the canvas's picture:
 * red counted, yellow anti-aliasing, everything beyond the reference's page red.
 */
export async function scoredDifference(reference: RasterImage, prediction: RasterImage, fit: ComparedCanvas): Promise<RawImage> {
  const diff = pixelDiff(prediction, reference, { draw: true });
  return scaled({ width: diff.width, height: diff.height, data: diff.picture! }, fit.scale, fit.shownHeight);
}
