import type { RasterImage } from "../shared/png.js";

/** Bytes 16-23 of a PNG: width and height in its IHDR chunk (the chunk PNG requires first). */
const SIZE_AT = 16;

/**
 * The start state's capture, compared with each capture after an action: the page is unchanged when
 * both have the same size and the same decoded pixels. Identical PNG bytes (the usual unchanged case)
 * and different sizes need no decoding; the start is decoded at most once. The decoder (sharp) loads
 * with the first comparison that needs it, so a plain render never loads it.
 */
export class StartPixels {
  private decoded: Promise<RasterImage> | null = null;

  constructor(private readonly png: Buffer) {}

  async same(after: Buffer): Promise<boolean> {
    if (after.equals(this.png)) return true;
    if (!after.subarray(SIZE_AT, SIZE_AT + 8).equals(this.png.subarray(SIZE_AT, SIZE_AT + 8))) return false;
    const { decodePng } = await import("../shared/png.js");
    this.decoded ??= decodePng(this.png);
    const [start, now] = await Promise.all([this.decoded, decodePng(after)]);
    return start.width === now.width && start.height === now.height && Buffer.compare(start.data, now.data) === 0;
  }
}
