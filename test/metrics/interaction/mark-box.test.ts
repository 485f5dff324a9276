import { describe, expect, it } from "vitest";
import { markBox } from "../../../src/metrics/interaction/mark-box.js";
import { image } from "../helpers.js";

describe("markBox", () => {
  it("is the box of the red outline drawn over the page", () => {
    const plain = image(["......", "......", "..#...", "......", "......"]);
    const marked = image(["......", ".rrrr.", ".r#.r.", ".rrrr.", "......"]);
    expect(markBox(marked, plain)).toEqual({ x: 1, y: 1, width: 4, height: 3 });
  });

  it("ignores red that the page itself has", () => {
    const plain = image(["rr.....", "rr.....", ".......", "......."]);
    const marked = image(["rr.....", "rr.rrr.", "...r.r.", "...rrr."]);
    expect(markBox(marked, plain)).toEqual({ x: 3, y: 1, width: 3, height: 3 });
  });

  it("ignores changes that are not red", () => {
    expect(markBox(image(["#.", ".."]), image(["..", ".."]))).toBeNull();
  });

  it("takes the top-most outline of several, then the left-most", () => {
    const plain = image(Array.from({ length: 6 }, () => "........"));
    // An outline from row 3 on the left, one from row 1 on the right: the right one starts higher.
    const marked = image(["........", ".....rr.", ".....rr.", "rrr.....", "r.r.....", "rrr....."]);
    expect(markBox(marked, plain)).toEqual({ x: 5, y: 1, width: 2, height: 2 });
    // Two starting on the same row: the left one.
    const sideBySide = image(["........", ".rr..rr.", ".rr..rr.", "........", "........", "........"]);
    expect(markBox(sideBySide, plain)).toEqual({ x: 1, y: 1, width: 2, height: 2 });
  });

  it("joins pixels that touch at a corner into one outline", () => {
    const plain = image(["....", "....", "...."]);
    expect(markBox(image(["r...", ".r..", "..r."]), plain)).toEqual({ x: 0, y: 0, width: 3, height: 3 });
  });

  it("reads reds near #ff0000 as the mark, and no further", () => {
    const plain = image(["..", ".."]);
    const marked = image(["..", ".."]);
    marked.data.set([200, 80, 80, 255], 0);
    marked.data.set([199, 0, 0, 255], 4);
    marked.data.set([255, 81, 0, 255], 8);
    expect(markBox(marked, plain)).toEqual({ x: 0, y: 0, width: 1, height: 1 });
  });
});
