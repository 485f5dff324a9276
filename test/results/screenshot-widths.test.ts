import { describe, expect, it } from "vitest";
import { checkScreenshotWidths, widthsText } from "../../src/results/index.js";

const times = (n: number, width: number) => Array.from({ length: n }, () => width);

describe("checkScreenshotWidths", () => {
  it("finds no mismatch in Design2Code's test set at 1280: 479 screenshots 1280 wide, 5 from pages wider than the viewport", () => {
    const check = checkScreenshotWidths([...times(479, 1280), 1283, 1290, 1295, 1300, 1304], 1280);
    expect(check).toEqual({
      total: 484,
      differing: 5,
      widths: [
        { width: 1280, count: 479 },
        { width: 1283, count: 1 },
        { width: 1290, count: 1 },
        { width: 1295, count: 1 },
        { width: 1300, count: 1 },
        { width: 1304, count: 1 },
      ],
    });
  });

  it("finds screenshots taken at 1920 when most are 1920 wide, and names the width to render at", () => {
    const check = checkScreenshotWidths([...times(18, 1920), 1280, 1280], 1280);
    expect(check).toMatchObject({ total: 20, differing: 18, takenAt: 1920 });
    expect(widthsText(check)).toBe("1920 px ×18, 1280 px ×2");
    expect(checkScreenshotWidths(times(20, 1920), 1920)).toEqual({ total: 20, differing: 0, widths: [{ width: 1920, count: 20 }] });
  });

  it("calls a tie a mismatch, naming the other width, and a dataset of narrower screenshots one too", () => {
    expect(checkScreenshotWidths([...times(3, 1280), ...times(3, 1920)], 1280)).toMatchObject({ differing: 3, takenAt: 1920 });
    expect(checkScreenshotWidths(times(5, 390), 1280)).toMatchObject({ differing: 5, takenAt: 390 });
    expect(checkScreenshotWidths([], 1280)).toEqual({ total: 0, differing: 0, widths: [] });
  });
});
