import { describe, expect, it } from "vitest";
import { datasetStats, meanStd } from "../../src/datasets/index.js";

describe("meanStd", () => {
  it("gives the mean and population standard deviation", () => {
    expect(meanStd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: 2 });
    expect(meanStd([])).toEqual({ mean: 0, std: 0 });
  });
});

describe("datasetStats", () => {
  it("measures every page with the given function", async () => {
    const measure = (html: string) => ({ dom_depth: html.length, tag_count: 1, unique_tags: 2, length: html.length * 10 });
    const stats = await datasetStats(["ab", "abcd"], measure);
    expect(stats).toEqual({
      count: 2,
      dom_depth: { mean: 3, std: 1 },
      tag_count: { mean: 1, std: 0 },
      unique_tags: { mean: 2, std: 0 },
      length: { mean: 30, std: 10 },
    });
  });
});
