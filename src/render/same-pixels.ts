import { readPngHeader } from "../shared/png-header.js";
import type { RasterImage } from "../shared/png.js";

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
    const [start, now] = [readPngHeader(this.png), readPngHeader(after)];
    if (typeof start === "object" && typeof now === "object" && (start.width !== now.width || start.height !== now.height)) return false;
    const { decodePng } = await import("../shared/png.js");
    this.decoded ??= decodePng(this.png);
    const [startPixels, nowPixels] = await Promise.all([this.decoded, decodePng(after)]);
    return (
      startPixels.width === nowPixels.width &&
      startPixels.height === nowPixels.height &&
      Buffer.compare(startPixels.data, nowPixels.data) === 0
    );
  }
}
