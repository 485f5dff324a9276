import sharp from "sharp";
import type { RasterImage } from "../../shared/png.js";
import type { Box } from "../../shared/interactions.js";

/** The part of `box` that lies inside the image, as a new image. Throws when none of it does. */
export function cropToBox(image: RasterImage, box: Box): RasterImage {
  const left = Math.max(0, box.x);
  const top = Math.max(0, box.y);
  const width = Math.min(image.width, box.x + box.width) - left;
  const height = Math.min(image.height, box.y + box.height) - top;
  if (width <= 0 || height <= 0) {
    throw new Error(`box ${box.width}x${box.height} at (${box.x}, ${box.y}) lies outside the ${image.width}x${image.height} image`);
  }
  const data = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((top + row) * image.width + left) * 4;
    data.set(image.data.subarray(from, from + width * 4), row * width * 4);
  }
  return { width, height, data };
}

/**
 * The image scaled to `width`, its aspect kept (height rounded, at least 1), with libvips' default
 * lanczos3: how a generated capture is brought to a dataset screenshot's width (the sample's are
 * taken at device scale 2 or 1.5) before the two are compared.
 */
export async function scaleToWidth(image: RasterImage, width: number): Promise<RasterImage> {
  const height = Math.max(1, Math.round((image.height * width) / image.width));
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .resize({ width, height, fit: "fill" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
