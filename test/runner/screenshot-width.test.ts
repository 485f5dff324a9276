import { describe, expect, it } from "vitest";
import type { Sample } from "../../src/datasets/index.js";
import { screenshotWidthWarning } from "../../src/runner/screenshot-width.js";
import { whitePng } from "../helpers/dataset.js";

/** Samples with screenshots of the given widths, counting the screenshots read. */
function samples(widths: number[]): { samples: Sample[]; reads: () => number } {
  let reads = 0;
  const list = widths.map((width, i) => ({
    id: `s${i}`,
    pagePath: `pages/s${i}.html`,
    tags: [],
    readImage: async () => {
      reads++;
      return whitePng(width, 2);
    },
  }));
  return { samples: list, reads: () => reads };
}

describe("screenshotWidthWarning", () => {
  it("names the widths seen and the --width that matches them, for screenshots 1920 wide", async () => {
    const { samples: list } = samples([...Array(18).fill(1920), 1304, 1280]);
    expect(await screenshotWidthWarning(list, 1280)).toBe(
      "the screenshots are 1920 px wide (first 20 samples: 1920 px ×18, 1280 px ×1, 1304 px ×1), pages render 1280 px wide: " +
        "the scores compare pages at another width than the model saw; --width 1920 renders at the screenshots' width",
    );
  });

  it("says nothing for screenshots at the render width with one page wider than the viewport", async () => {
    expect(await screenshotWidthWarning(samples([1280, 1280, 1300, 1280]).samples, 1280)).toBeUndefined();
  });

  it("reads the first 20 screenshots' headers only", async () => {
    const { samples: list, reads } = samples([...Array(20).fill(1280), ...Array(30).fill(1920)]);
    expect(await screenshotWidthWarning(list, 1280)).toBeUndefined();
    expect(reads()).toBe(20);
  });
});
