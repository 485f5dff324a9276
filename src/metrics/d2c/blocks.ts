import type { TextBlock } from "../../shared/index.js";
import type { Rgb } from "./ciede2000.js";

/** A text block as Design2Code's matching reads it. Never mutated: merges make new blocks. */
export interface D2cBlock {
  /** Lower-cased text (`item[0].lower()`). */
  readonly text: string;
  /** Left, top, width, height as fractions of the page's own width and height. */
  readonly bbox: readonly [number, number, number, number];
  /** sRGB 0-255; a merge may leave fractions. */
  readonly color: Rgb;
}

/**
 * The page's text blocks in Design2Code's form: coordinates divided by the render's own width and height
 * (each page by its own size, as Design2Code does), text lower-cased, then blocks with the very same box
 * merged (`merge_blocks_by_bbox`).
 */
export function d2cBlocks(blocks: readonly TextBlock[], width: number, height: number): D2cBlock[] {
  return mergeBlocksByBbox(
    blocks.map((block) => ({
      text: block.text.toLowerCase(),
      bbox: [block.x / width, block.y / height, block.width / width, block.height / height],
      color: block.color,
    })),
  );
}

/**
 * `merge_blocks_by_bbox`: blocks with an identical box become one, in the place of the first, texts
 * joined by a space and each further colour averaged into the running one ((c1 + c2) / 2).
 */
export function mergeBlocksByBbox(blocks: readonly D2cBlock[]): D2cBlock[] {
  const byBox = new Map<string, D2cBlock>();
  for (const block of blocks) {
    const key = block.bbox.join(",");
    const seen = byBox.get(key);
    byBox.set(
      key,
      seen ? { text: `${seen.text} ${block.text}`, bbox: seen.bbox, color: mapRgb(seen.color, block.color, (a, b) => (a + b) / 2) } : block,
    );
  }
  return [...byBox.values()];
}

/** `merge_blocks_wo_check`: texts joined by a space, the union of the boxes, the colours' mean floored. */
export function mergeTwo(first: D2cBlock, second: D2cBlock): D2cBlock {
  const [x1, y1, w1, h1] = first.bbox;
  const [x2, y2, w2, h2] = second.bbox;
  const left = Math.min(x1, x2);
  const top = Math.min(y1, y2);
  const right = Math.max(x1 + w1, x2 + w2);
  const bottom = Math.max(y1 + h1, y2 + h2);
  return {
    text: `${first.text} ${second.text}`,
    bbox: [left, top, right - left, bottom - top],
    color: mapRgb(first.color, second.color, (a, b) => Math.floor((a + b) / 2)),
  };
}

function mapRgb(a: Rgb, b: Rgb, f: (x: number, y: number) => number): Rgb {
  return [f(a[0], b[0]), f(a[1], b[1]), f(a[2], b[2])];
}

/** max(|dx|, |dy|) of the two boxes' centres, in each page's fractions: 1 minus Design2Code's Position of the pair. */
export function centreDistance(a: D2cBlock, b: D2cBlock): number {
  const [x1, y1, w1, h1] = a.bbox;
  const [x2, y2, w2, h2] = b.bbox;
  return Math.max(Math.abs(x2 + w2 / 2 - (x1 + w1 / 2)), Math.abs(y2 + h2 / 2 - (y1 + h1 / 2)));
}

/** Area as a share of the page (both sides normalised, so their sum mixes two pages' shares, as Design2Code's does). */
export function area(block: D2cBlock): number {
  return block.bbox[2] * block.bbox[3];
}
