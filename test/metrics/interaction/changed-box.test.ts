import { describe, expect, it } from "vitest";
import { changedBox } from "../../../src/metrics/interaction/changed-box.js";
import { image } from "../helpers.js";

describe("changedBox", () => {
  it("is null for the same picture", () => {
    expect(changedBox(image(["..#", "#.."]), image(["..#", "#.."]))).toBeNull();
  });

  it("is one pixel wide and high around a single changed pixel", () => {
    expect(changedBox(image(["....", "....", "...."]), image(["....", "..#.", "...."]))).toEqual({ x: 2, y: 1, width: 1, height: 1 });
  });

  it("spans the changed pixels farthest apart, whatever lies between", () => {
    const before = image([".....", ".#...", ".....", "....."]);
    const after = image([".....", "...#.", ".....", ".#..."]);
    // Changes at (1, 1), (3, 1) and (1, 3): x 1..3, y 1..3.
    expect(changedBox(before, after)).toEqual({ x: 1, y: 1, width: 3, height: 3 });
  });

  it("counts a change of alpha alone", () => {
    const before = image(["..", ".."]);
    const after = image(["..", ".."]);
    after.data[(1 * 2 + 0) * 4 + 3] = 254;
    expect(changedBox(before, after)).toEqual({ x: 0, y: 1, width: 1, height: 1 });
  });

  it("counts pixels of the larger canvas that only one picture covers", () => {
    // The page grew one row: the new row is changed, the rest is the same.
    expect(changedBox(image(["..", ".."]), image(["..", "..", ".."]))).toEqual({ x: 0, y: 2, width: 2, height: 1 });
    // One is wider, the other taller: the two strips outside the overlap, and the corner neither covers.
    expect(changedBox(image(["...", "..."]), image(["..", "..", ".."]))).toEqual({ x: 0, y: 0, width: 3, height: 3 });
  });
});
