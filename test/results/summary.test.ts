import { describe, expect, it } from "vitest";
import { summaryMarkdown, type SampleRecord } from "../../src/results/index.js";
import { record, results } from "../helpers/runs.js";

/** A run rendered `rendered` px wide of a dataset whose viewport is `own` px wide, its screenshots of the given widths. */
function summary(own: number, rendered: number, widths: number[]): string {
  const records: SampleRecord[] = widths.map((width, i) => ({ ...record(`s${i}`, 1), screenshot: { width, height: 900 } }));
  const built = results("m", records);
  built.dataset.viewport = { width: own, height: 720 };
  built.environment.renderer = { fingerprint: "r", viewport: { width: rendered, height: 720 } };
  return summaryMarkdown(built, records);
}

describe("summaryMarkdown: render width and screenshot widths", () => {
  it("counts the screenshots of another width than the renders', advising --width when most are", () => {
    expect(summary(1280, 1280, [1920, 1920, 1920])).toContain(
      "\n\n3 of 3 screenshots are not 1280 px wide, the width pages were rendered at (1920 px ×3): " +
        "most were taken at another width than the renders the scores compare; --width 1920 renders at theirs.\n",
    );
  });

  it("counts a few pages wider than the viewport without advice", () => {
    expect(summary(1280, 1280, [1280, 1280, 1300])).toContain(
      "\n\n1 of 3 screenshots are not 1280 px wide, the width pages were rendered at (1280 px ×2, 1300 px ×1).\n",
    );
  });

  it("says when --width changed the render width, and says nothing of screenshots that match it", () => {
    const text = summary(1280, 1920, [1920, 1920]);
    expect(text).toContain("\n\nPages were rendered 1920 px wide (--width); the dataset's viewport is 1280 px wide.\n");
    expect(text).not.toContain("screenshots are not");
    expect(summary(1280, 1280, [1280])).not.toMatch(/rendered 1280|screenshots are not/);
  });
});
