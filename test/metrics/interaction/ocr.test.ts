import { afterAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { closeOcr, readText } from "../../../src/metrics/interaction/ocr.js";

/** Black text on white, drawn by librsvg with the system's sans-serif font. */
function textPng(lines: readonly string[]): Promise<Buffer> {
  const text = lines.map((line, i) => `<text x="20" y="${60 + i * 60}" font-family="sans-serif" font-size="36">${line}</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="${40 + lines.length * 60}"><rect width="100%" height="100%" fill="#fff"/>${text.join("")}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

afterAll(closeOcr);

describe("readText", () => {
  it("reads clear text, its lines joined by one space", async () => {
    expect(await readText(await textPng(["Open the menu", "Close window"]))).toBe("Open the menu Close window");
  });

  it("reads pictures asked for at once, each its own text", async () => {
    const [first, second] = await Promise.all([readText(await textPng(["First page"])), readText(await textPng(["Second window"]))]);
    expect([first, second]).toEqual(["First page", "Second window"]);
  });

  it("refuses bytes that are not a PNG", async () => {
    await expect(readText(Buffer.from("not a picture"))).rejects.toThrow(/^OCR failed: not a PNG$/);
  });

  it("throws a one-line error for a PNG cut short, and reads on after it", async () => {
    const whole = await textPng(["Submit"]);
    const error = await readText(whole.subarray(0, 40)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^OCR failed: [^\n]+$/);
    expect(await readText(whole)).toBe("Submit");
  });

  it("reads an empty page as no text", async () => {
    expect(
      await readText(
        await sharp({ create: { width: 200, height: 80, channels: 3, background: "#fff" } })
          .png()
          .toBuffer(),
      ),
    ).toBe("");
  });
});
