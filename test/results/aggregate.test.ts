import { describe, expect, it } from "vitest";
import { aggregateMetric, countFailures, type SampleStatus } from "../../src/results/index.js";
import { record as fixture } from "../helpers/runs.js";

function record(id: string, status: SampleStatus, value: number | null) {
  return { ...fixture(id, value, status), metrics: { m: value } };
}

describe("aggregateMetric", () => {
  it("takes mean, median and standard error over every sample, failures and nulls as 0", () => {
    const records = [record("a", "ok", 1), record("b", "ok", 0.5), record("c", "render_error", null), record("d", "ok", null)];
    // values 1, 0.5, 0, 0: mean 0.375, median 0.25; sample variance (0.390625+0.015625+0.140625*2)/3 = 0.229166…
    const a = aggregateMetric(records, "m");
    expect(a.n).toBe(4);
    expect(a.mean).toBe(0.375);
    expect(a.median).toBe(0.25);
    expect(a.stderr).toBeCloseTo(Math.sqrt(0.6875 / 3 / 4), 12);
  });

  it("gives zeros for no samples and no spread for one", () => {
    expect(aggregateMetric([], "m")).toEqual({ mean: 0, median: 0, stderr: 0, n: 0 });
    expect(aggregateMetric([record("a", "ok", 0.8)], "m")).toEqual({ mean: 0.8, median: 0.8, stderr: 0, n: 1 });
  });
});

describe("countFailures", () => {
  it("counts samples per failure status", () => {
    const records = [
      record("a", "ok", 1),
      record("b", "render_timeout", null),
      record("c", "render_timeout", null),
      record("d", "empty_output", null),
    ];
    expect(countFailures(records)).toEqual({ render_timeout: 2, empty_output: 1 });
  });
});
