import { describe, expect, it } from "vitest";
import { readPngHeader } from "../../src/shared/png-header.js";
import { whitePng } from "../helpers/dataset.js";

describe("readPngHeader", () => {
  it("reads the size of a valid PNG", () => {
    expect(readPngHeader(whitePng(7, 3))).toEqual({ width: 7, height: 3 });
  });

  it("names what is wrong with a broken one", () => {
    const png = whitePng();
    expect(readPngHeader(Buffer.from("hello"))).toBe("not a PNG file");
    const badCrc = Buffer.from(png);
    badCrc[20] = badCrc[20]! ^ 0xff;
    expect(readPngHeader(badCrc)).toBe("PNG header is corrupt (bad CRC)");
    expect(readPngHeader(png.subarray(0, png.length - 12))).toBe("PNG is truncated (no IEND chunk)");
  });
});
