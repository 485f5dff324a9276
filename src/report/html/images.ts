import sharp from "sharp";
import type { RasterImage } from "../../metrics/index.js";

/** Gallery pictures are at most this wide; a narrower page is shown at its own size, never enlarged. */
const PICTURE_WIDTH = 400;
/**
 * WebP's largest side: a picture that would be taller shows the top of its page. Renders are at
 * most 16,384 px tall, so only a screenshot over 52,000 px long at 1,280 wide, or a page narrower
 * than 400 px, is cut.
 */
const MAX_PICTURE_HEIGHT = 16_383;
const WEBP_QUALITY = 60;
/** libvips' default is 4; 2 encoded mini's pictures 3x faster for 4% more bytes (bench:report's pictures, measured). */
const WEBP_EFFORT = 2;

/** A picture as WebP bytes, with the size of the page (or render) it shows. */
export interface EncodedPicture {
  webp: Uint8Array;
  width: number;
  height: number;
}

/** A picture with how it maps onto its page: what a box in page pixels needs to be drawn on it. */
export type ShownPicture = EncodedPicture & PictureScale;

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

/** How a page (or canvas) maps onto its picture: picture pixels per page pixel, and the page rows shown (all, or its top). */
export interface PictureScale {
  scale: number;
  shownHeight: number;
}

/** The scale that fits a page `width` x `height` into a gallery picture `maxWidth` wide, and how much of its height that shows. */
export function pictureScale(width: number, height: number, maxWidth = PICTURE_WIDTH): PictureScale {
  const scale = Math.min(1, maxWidth / width);
  return { scale, shownHeight: Math.min(height, Math.floor(MAX_PICTURE_HEIGHT / scale)) };
}

/** A screenshot as the gallery shows it, decoded and scaled in one step: its pixels, its own size and the part shown. */
export async function thumbnail(
  png: Buffer,
  maxWidth = PICTURE_WIDTH,
): Promise<RawImage & PictureScale & { pageWidth: number; pageHeight: number }> {
  const image = sharp(png);
  const { width = 1, height = 1 } = await image.metadata();
  const fit = pictureScale(width, height, maxWidth);
  const { data, info } = await image
    .extract({ left: 0, top: 0, width, height: fit.shownHeight })
    .resize({
      width: Math.max(1, Math.round(width * fit.scale)),
      height: Math.max(1, Math.round(fit.shownHeight * fit.scale)),
      fit: "fill",
    })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, pageWidth: width, pageHeight: height, ...fit };
}

/**
 * Decoded pixels scaled by `scale`, their top `rows` rows only. Linear, not libvips' lanczos3:
 * half the time on full-page renders, and a difference's red does not ring past its edges.
 */
export async function scaled(image: RasterImage, scale: number, rows: number): Promise<RawImage> {
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .extract({ left: 0, top: 0, width: image.width, height: rows })
    .resize({
      width: Math.max(1, Math.round(image.width * scale)),
      height: Math.max(1, Math.round(rows * scale)),
      fit: "fill",
      kernel: "linear",
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** PNG bytes as a gallery picture at most `maxWidth` wide; undefined for bytes that do not decode. */
export async function shownPicture(png: Uint8Array, maxWidth?: number): Promise<ShownPicture | undefined> {
  const shown = await thumbnail(Buffer.from(png), maxWidth).catch(() => undefined);
  if (!shown) return undefined;
  return {
    webp: await encode(shown),
    width: shown.pageWidth,
    height: shown.pageHeight,
    scale: shown.scale,
    shownHeight: shown.shownHeight,
  };
}

export function encode(image: RawImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .webp({ quality: WEBP_QUALITY, effort: WEBP_EFFORT })
    .toBuffer();
}
