import sharp from "sharp";
import type { RasterImage } from "./types.js";

// One libvips thread per decode: the scoring worker threads already decode several samples at once.
sharp.concurrency(1);

/** PNG bytes to 8-bit RGBA, every colour type and bit depth; libvips is about 4x faster than pure-JS decoders. */
export async function decodePng(png: Buffer): Promise<RasterImage> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
