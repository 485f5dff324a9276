import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { EXIT, exitCodeFor, Interrupted, RegressionFound } from "../../src/cli/errors.js";
import { maxFailures } from "../../src/cli/flags.js";
import { checkRuns, NothingScored } from "../../src/cli/run-verdict.js";
import { record, results } from "../helpers/runs.js";

// 20 samples, 3 failed: 15% of them.
const fifteenPercent = results("boxes", [
  ...Array.from({ length: 17 }, (_, i) => record(`ok${i}`, 0.5)),
  ...Array.from({ length: 3 }, (_, i) => record(`failed${i}`, null, "generation_timeout")),
]);
const allFailed = results("blank", [record("a", null, "render_error"), record("b", null, "empty_output")]);
const empty = results("shard", []);

describe("checkRuns", () => {
  it("fails a run that has samples but scored none (exit 1), naming it and its failures", () => {
    expect(() => checkRuns([fifteenPercent, allFailed], undefined)).toThrow(
      new NothingScored("no sample scored by blank (2 of 2 failed: render_error 1, empty_output 1)"),
    );
    expect(exitCodeFor(new NothingScored("x"))).toBe(EXIT.failure);
    // A shard with no samples measured nothing, and failed at nothing either.
    expect(() => checkRuns([empty], undefined)).not.toThrow();
  });

  it("passes up to --max-failures N failed samples and stops past them (exit 100)", () => {
    expect(() => checkRuns([fifteenPercent], { count: 3 })).not.toThrow();
    expect(() => checkRuns([fifteenPercent], { count: 2 })).toThrow(
      new RegressionFound("more failed samples than --max-failures 2 allows: boxes (3 of 20 failed: generation_timeout 3)"),
    );
    expect(exitCodeFor(new RegressionFound("x"))).toBe(EXIT.regression);
  });

  it("takes --max-failures P% of each run's samples", () => {
    expect(() => checkRuns([fifteenPercent], { percent: 15 })).not.toThrow();
    expect(() => checkRuns([fifteenPercent], { percent: 14.9 })).toThrow(
      "more failed samples than --max-failures 14.9% allows: boxes (3 of 20 failed: generation_timeout 3)",
    );
  });
});

describe("--max-failures values", () => {
  it("reads a count or a share", () => {
    expect(maxFailures("0")).toEqual({ count: 0 });
    expect(maxFailures("12")).toEqual({ count: 12 });
    expect(maxFailures("5%")).toEqual({ percent: 5 });
    expect(maxFailures("2.5%")).toEqual({ percent: 2.5 });
    expect(maxFailures("100%")).toEqual({ percent: 100 });
    for (const bad of ["", "x", "1.5", "-1", "100.1%", " 3", "%"]) expect(() => maxFailures(bad), bad).toThrow(InvalidArgumentError);
  });
});

describe("a command stopped by a signal", () => {
  it("exits 128 + the signal's number, as a shell reports it", () => {
    expect(exitCodeFor(new Interrupted("interrupted", "SIGINT"))).toBe(130);
    expect(exitCodeFor(new Interrupted("interrupted", "SIGTERM"))).toBe(143);
  });
});
