import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { pixelDiff } from "../../metrics/index.js";

/** Gallery pictures are this wide, and show at most this much of a page's top (in their own pixels). */
const THUMB_WIDTH = 400;
const THUMB_MAX_HEIGHT = 1200;
const WEBP_QUALITY = 60;

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Files beside a report, named by their content's hash: the same picture is stored once however
 * many samples show it, and a report folder can be copied or uploaded as it is.
 */
export class PictureStore {
  constructor(
    private readonly dir: string,
    /** The folder as the report links it. */
    private readonly link: string,
  ) {}

  put(bytes: Buffer | string, extension: string): string {
    const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 20)}.${extension}`;
    const file = join(this.dir, name);
    if (!existsSync(file)) {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(file, bytes);
    }
    return `${this.link}/${name}`;
  }
}

/** A page's top, scaled to the gallery's width: raw RGBA for the heatmap, and the whole page's size. */
export async function thumbnail(png: string | Buffer): Promise<RawImage & { pageWidth: number; pageHeight: number }> {
  const image = sharp(png);
  const { width = 1, height = 1 } = await image.metadata();
  const keep = Math.min(height, Math.round((THUMB_MAX_HEIGHT * width) / THUMB_WIDTH));
  const { data, info } = await image
    .extract({ left: 0, top: 0, width, height: keep })
    .resize({ width: THUMB_WIDTH })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, pageWidth: width, pageHeight: height };
}

export function encode(image: RawImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .webp({ quality: WEBP_QUALITY })
    .toBuffer();
}

/** pixelmatch's picture of the difference, drawn by the call that counts it for pixel_similarity. */
export function heatmap(reference: RawImage, prediction: RawImage): RawImage {
  const { picture, width, height } = pixelDiff(prediction, reference, { draw: true });
  return { data: Buffer.from(picture!.buffer, picture!.byteOffset, picture!.byteLength), width, height };
}
