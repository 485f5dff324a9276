import { describe, expect, it } from "vitest";
import { closestName, counted, firstNames } from "../../src/shared/index.js";

describe("firstNames", () => {
  it("lists up to five names, then how many more", () => {
    expect(firstNames([])).toBe("");
    expect(firstNames(["a.html"])).toBe("a.html");
    expect(firstNames(["a", "b", "c", "d", "e"])).toBe("a, b, c, d, e");
    expect(firstNames(["a", "b", "c", "d", "e", "f", "g"])).toBe("a, b, c, d, e and 2 more");
    expect(firstNames(["a", "b", "c"], 2)).toBe("a, b and 1 more");
  });
});

describe("counted", () => {
  it("says a count with its noun, plural unless one", () => {
    expect(counted(0, "page")).toBe("0 pages");
    expect(counted(1, "page")).toBe("1 page");
    expect(counted(12, ".html file")).toBe("12 .html files");
    expect(counted(2, "child", "children")).toBe("2 children");
  });
});

describe("closestName", () => {
  const kinds = ["reference", "blank", "boxes", "replay", "openai", "llama-server", "llama"];

  it("finds the candidate the fewest edits away: letters swapped, left out, added or changed", () => {
    expect(closestName("blnak", kinds)).toBe("blank");
    expect(closestName("replya", kinds)).toBe("replay");
    expect(closestName("lama", kinds)).toBe("llama");
    expect(closestName("llama-sever", kinds)).toBe("llama-server");
    expect(closestName("openia", kinds)).toBe("openai");
    expect(closestName("Reference", kinds)).toBe("reference");
  });

  it("suggests nothing more than three edits away, nor for a word of one or two letters rewritten whole", () => {
    expect(closestName("gpt-4o", kinds)).toBeUndefined();
    expect(closestName("", kinds)).toBeUndefined();
    expect(closestName("xy", ["ab"])).toBeUndefined();
    expect(closestName("ab", ["abc"])).toBe("abc");
  });

  it("takes the first of equally close candidates", () => {
    expect(closestName("bo", ["bx", "by"])).toBe("bx");
  });
});
