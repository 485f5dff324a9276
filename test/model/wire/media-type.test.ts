import { PNG } from "pngjs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { imageMediaType } from "../../../src/model/wire/media-type.js";

describe("imageMediaType", () => {
  it("names PNG, JPEG, GIF and WebP files by their first bytes", async () => {
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    const pixels = sharp(png);
    expect(imageMediaType(png)).toBe("image/png");
    expect(imageMediaType(await pixels.clone().jpeg().toBuffer())).toBe("image/jpeg");
    expect(imageMediaType(await pixels.clone().gif().toBuffer())).toBe("image/gif");
    expect(imageMediaType(await pixels.clone().webp().toBuffer())).toBe("image/webp");
  });

  it("names nothing else", () => {
    expect(imageMediaType(Buffer.from("<html></html>"))).toBeUndefined();
    expect(imageMediaType(Buffer.alloc(0))).toBeUndefined();
    // A RIFF file that is not WebP (a WAV header).
    expect(imageMediaType(Buffer.from("RIFF\0\0\0\0WAVEfmt "))).toBeUndefined();
    expect(imageMediaType(Buffer.from("GIF8"))).toBeUndefined();
  });
});
