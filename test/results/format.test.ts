import { describe, expect, it } from "vitest";
import { interval95, meanWithCi } from "../../src/results/index.js";

describe("the 95% interval of a mean", () => {
  it("is mean ∓ 1.96·stderr, clipped to [0, 1] where every metric lies", () => {
    // The case: 0.328 ± 0.642 ran past both ends.
    const wide = { mean: 0.328, median: 0, stderr: 0.642 / 1.96, n: 5 };
    expect(meanWithCi(wide)).toBe("0.328 [0.000, 0.970]");
    expect(interval95(wide)).toEqual({ low: 0, high: 0.97 });
    // Inside [0, 1]: 0.5 ∓ 1.96 × 0.1.
    expect(meanWithCi({ mean: 0.5, median: 0.5, stderr: 0.1, n: 4 })).toBe("0.500 [0.304, 0.696]");
    expect(meanWithCi({ mean: 1, median: 1, stderr: 0, n: 3 })).toBe("1.000 [1.000, 1.000]");
  });
});
