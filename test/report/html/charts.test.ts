import { describe, expect, it } from "vitest";
import { distributionChart, meanChart, quantile } from "../../../src/report/html/charts.js";

describe("quantile", () => {
  it("interpolates between closest ranks", () => {
    expect(quantile([0, 1], 0.5)).toBe(0.5);
    expect(quantile([0.2, 0.4, 0.6, 0.8, 1], 0.25)).toBeCloseTo(0.4, 12);
    expect(quantile([0.1, 0.2, 0.9], 0.75)).toBeCloseTo(0.55, 12);
    expect(quantile([0.3], 0.9)).toBe(0.3);
  });
});

describe("charts", () => {
  it("draws a bar to the mean with whiskers over the interval, on a 0..1 axis 300 px wide from x=150", () => {
    const svg = meanChart("pixel", [{ label: "a<b>", mean: 0.5, low: 0.4, high: 0.6 }]);
    expect(svg).toContain('<rect x="150" y="5" width="150" height="16" fill="#0072B2">');
    expect(svg).toContain('<path d="M270 13H330M270 8v10M330 8v10" class="whisker"/>');
    expect(svg).toContain("a&lt;b&gt;");
    expect(svg).not.toContain("<b>");
  });

  it("draws quartiles and the median of each model's scores", () => {
    const svg = distributionChart("pixel", [{ label: "m", values: [1, 0, 0.5, 0.25, 0.75] }]);
    // q1 0.25 -> x 225, q3 0.75 -> x 375, median 0.5 -> x 300.
    expect(svg).toContain('<rect x="225" y="5" width="150"');
    expect(svg).toContain('<path d="M300 5v16"');
    expect(svg).toContain("min 0.000, quartiles 0.250 / 0.500 / 0.750, max 1.000, n 5");
  });
});
