import { PNG } from "pngjs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decodePng } from "../../src/shared/png.js";

/** A 37x11 RGBA picture with varied colours and three levels of alpha. */
const WIDTH = 37;
const HEIGHT = 11;
const RGBA = Buffer.alloc(WIDTH * HEIGHT * 4);
for (let i = 0; i < WIDTH * HEIGHT; i++) RGBA.set([(i * 37) % 256, (i * 91) % 256, (i * 13) % 256, [128, 255, 0][i % 3]!], i * 4);
/** The same picture at 16 bits a sample, each low byte set apart from the high one (where rounding and truncating differ). */
const RGBA16 = Buffer.from(new Uint16Array(RGBA.length).map((_, k) => (RGBA[k]! * 257 + ((k * 131) % 257)) % 65536).buffer);

const rawOf = (data: Buffer, depth: "8" | "16") =>
  sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 4 } }).toColourspace(depth === "8" ? "srgb" : "rgb16");

/** Every PNG colour type, at 8 and 16 bits and as a palette. */
async function forms(): Promise<Record<string, Buffer>> {
  const picture = Object.assign(new PNG({ width: WIDTH, height: HEIGHT }), { data: RGBA });
  return {
    "RGBA, 8 bits": PNG.sync.write(picture, { colorType: 6 }),
    "RGB, 8 bits": PNG.sync.write(picture, { colorType: 2 }),
    "grey, 8 bits": PNG.sync.write(picture, { colorType: 0 }),
    "grey and alpha, 8 bits": PNG.sync.write(picture, { colorType: 4 }),
    palette: await rawOf(RGBA, "8").png({ palette: true, colours: 8 }).toBuffer(),
    "RGBA, 16 bits": await rawOf(RGBA16, "16").png().toBuffer(),
    "RGB, 16 bits": await rawOf(RGBA16, "16").removeAlpha().png().toBuffer(),
    "grey and alpha, 16 bits": await rawOf(RGBA16, "16").toColourspace("grey16").png().toBuffer(),
    "grey, 16 bits": await rawOf(RGBA16, "16").removeAlpha().toColourspace("grey16").png().toBuffer(),
  };
}

describe("decodePng, the tool's one PNG decoder", () => {
  it("decodes RGBA exactly", async () => {
    const decoded = await decodePng(PNG.sync.write(Object.assign(new PNG({ width: WIDTH, height: HEIGHT }), { data: RGBA })));
    expect([decoded.width, decoded.height]).toEqual([WIDTH, HEIGHT]);
    expect(Buffer.from(decoded.data).equals(RGBA)).toBe(true);
  });

  it("adds an opaque alpha channel to an RGB PNG", async () => {
    const rgb = PNG.sync.write(Object.assign(new PNG({ width: 1, height: 1 }), { data: Buffer.from([10, 20, 30, 255]) }), { colorType: 2 });
    expect(Array.from((await decodePng(rgb)).data)).toEqual([10, 20, 30, 255]);
  });

  it("gives 8-bit RGBA for every colour type and bit depth, the same bytes pngjs gives (16 bits rounded to the nearest 8)", async () => {
    const differing: string[] = [];
    for (const [form, png] of Object.entries(await forms())) {
      const decoded = await decodePng(png);
      const expected = PNG.sync.read(png);
      if (decoded.width !== expected.width || decoded.height !== expected.height || !Buffer.from(decoded.data).equals(expected.data))
        differing.push(form);
    }
    expect(differing).toEqual([]);
  });

  it("throws for bytes that are not a PNG", async () => {
    await expect(decodePng(Buffer.from("not a png"))).rejects.toThrow();
  });
});
