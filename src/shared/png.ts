import sharp from "sharp";

/** Decoded pixels: 8-bit RGBA, row after row. */
export interface RasterImage {
  width: number;
  height: number;
  data: Uint8Array;
}

// One libvips thread per decode: the scoring and picture worker threads already decode several pages at once.
sharp.concurrency(1);

/** Byte 24 of a PNG: the bit depth in its IHDR chunk (the chunk PNG requires first). */
const BIT_DEPTH_AT = 24;

/**
 * PNG bytes to 8-bit RGBA, every colour type and bit depth: the tool's one PNG decoder (renders
 * for the metrics and the report's pictures, screenshots for the boxes baseline), libvips through
 * sharp, about 4x faster than pure-JS decoders. Kept out of `shared/index.ts` so that what imports
 * the shared room does not load sharp: import it where pixels are needed. Throws for bytes that
 * are not a whole PNG.
 *
 * A 16-bit sample becomes the nearest 8-bit value (`round(v / 257)`, pngjs's rule, which the boxes
 * baseline was built on); libvips' own cast would drop the low byte. Chromium's renders are 8-bit.
 */
export async function decodePng(png: Buffer): Promise<RasterImage> {
  if (png[BIT_DEPTH_AT] === 16) return decodeSixteenBit(png);
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

async function decodeSixteenBit(png: Buffer): Promise<RasterImage> {
  const { data, info } = await sharp(png)
    .toColourspace("rgb16")
    .ensureAlpha(1)
    .raw({ depth: "ushort" })
    .toBuffer({ resolveWithObject: true });
  const samples = new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.round((samples[i] as number) / 257);
  return { width: info.width, height: info.height, data: out };
}

/** Decoded pixels back to PNG bytes (the OCR of an interaction's state reads PNG). */
export function encodePng(image: RasterImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .png()
    .toBuffer();
}
