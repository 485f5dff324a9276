import type { TextBlock } from "../../shared/index.js";
import { inpaintTelea } from "./inpaint.js";
import type { RgbImage } from "./rgb.js";

/** A text block's box, in pixels of the full-page render. */
type Box = Pick<TextBlock, "x" | "y" | "width" | "height">;

/** Design2Code paints text out with `cv2.inpaint(image, mask, 3, cv2.INPAINT_TELEA)` (visual_score.py, d9e038a). */
export const INPAINT_RADIUS = 3;

/**
 * The mask of every pixel a text block's box touches: columns floor(x) to ceil(x + width) - 1, rows
 * likewise, clipped to the image. Design2Code's boxes are whole pixels that it stores as fractions
 * of the page and turns back with int(), which can land one pixel short; ours stay in pixels.
 */
export function textMask(width: number, height: number, blocks: readonly Box[]): Uint8Array {
  const mask = new Uint8Array(width * height);
  blocks.forEach((box, index) => {
    if (![box.x, box.y, box.width, box.height].every(Number.isFinite)) throw new Error(`text block ${index} has a box that is not finite`);
    const left = Math.max(Math.floor(box.x), 0);
    const right = Math.min(Math.ceil(box.x + box.width), width);
    const top = Math.max(Math.floor(box.y), 0);
    const bottom = Math.min(Math.ceil(box.y + box.height), height);
    if (right <= left) return;
    for (let y = top; y < bottom; y++) mask.fill(255, y * width + left, y * width + right);
  });
  return mask;
}

/** The render with its text painted out, as CLIP sees it in Design2Code's score: layout and colour, not words. */
export function paintOutText(image: RgbImage, blocks: readonly Box[]): RgbImage {
  if (blocks.length === 0) return image;
  return inpaintTelea(image, textMask(image.width, image.height, blocks), INPAINT_RADIUS);
}
