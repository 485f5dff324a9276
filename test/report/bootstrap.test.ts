import { describe, expect, it } from "vitest";
import { pairedBootstrap } from "../../src/report/index.js";

describe("pairedBootstrap", () => {
  it("collapses the interval onto the value when every difference is equal", () => {
    expect(pairedBootstrap([-0.125, -0.125, -0.125, -0.125, -0.125])).toEqual({ mean: -0.125, low: -0.125, high: -0.125 });
    expect(pairedBootstrap([0, 0, 0])).toEqual({ mean: 0, low: 0, high: 0 });
    expect(pairedBootstrap([0.375])).toEqual({ mean: 0.375, low: 0.375, high: 0.375 });
  });

  it("spans the whole range of two differences: a resampled mean of [0, 1] is 0, 0.5 or 1, each end a quarter of the time", () => {
    // P(mean = 0) = P(mean = 1) = 1/4, far above 2.5%, so both percentiles land on the ends.
    expect(pairedBootstrap([0, 1])).toEqual({ mean: 0.5, low: 0, high: 1 });
  });

  it("is deterministic for a seed and moves with it", () => {
    const differences = Array.from({ length: 50 }, (_, i) => ((i * 37) % 11) / 10 - 0.5);
    const once = pairedBootstrap(differences, { seed: 42 });
    expect(pairedBootstrap(differences, { seed: 42 })).toEqual(once);
    expect(pairedBootstrap(differences, { seed: 43 })).not.toEqual(once);
    expect(pairedBootstrap(differences, { seed: 43 }).mean).toBe(once.mean);
  });

  it("agrees with the normal interval on a symmetric sample", () => {
    // 100 differences, half -0.1 and half +0.1: mean 0, sd ~0.1, so the 95% interval is about ±1.96 · 0.01.
    const differences = Array.from({ length: 100 }, (_, i) => (i % 2 ? 0.1 : -0.1));
    const { mean, low, high } = pairedBootstrap(differences);
    expect(mean).toBeCloseTo(0, 12);
    expect(low).toBeCloseTo(-0.0196, 2);
    expect(high).toBeCloseTo(0.0196, 2);
  });

  it("refuses no differences and a resample count below 1", () => {
    expect(() => pairedBootstrap([])).toThrow(RangeError);
    expect(() => pairedBootstrap([1], { resamples: 0 })).toThrow(/resamples must be an integer >= 1/);
  });

  it("resamples a report-sized sample (1,000 differences, 10,000 resamples) to an interval around its mean", () => {
    const differences = Array.from({ length: 1000 }, (_, i) => Math.sin(i) / 10);
    const interval = pairedBootstrap(differences);
    expect(interval.mean).toBeCloseTo(differences.reduce((a, b) => a + b, 0) / 1000, 12);
    expect(interval.low).toBeLessThan(interval.mean);
    expect(interval.high).toBeGreaterThan(interval.mean);
    // sd ~0.07 over 1,000 samples: a 95% interval of about ±1.96 x 0.0022.
    expect(interval.high - interval.low).toBeCloseTo(2 * 1.96 * 0.0022, 2);
  });
});
