import { describe, expect, it } from "vitest";
import { terminalTable } from "../../src/report/index.js";
import { record, recordWith, results } from "../helpers/runs.js";

describe("terminalTable", () => {
  it("shows the models as rows, the main metrics' means as aligned columns, samples scored and failures", () => {
    const reference = results("reference", [record("a", 1), record("b", 1)]);
    const boxes = results("openai-crystalchat", [
      recordWith("a", { pixel_similarity: 0.8125, tree_bleu: 0.25, text_similarity: 0.1 }),
      record("b", null, "generation_timeout"),
    ]);
    // The fixture runs score seven metrics: ssim is added as a run that scored it would hold it.
    for (const [run, mean] of [
      [reference, 1],
      [boxes, 0.25],
    ] as const) {
      run.metrics.ssim = { version: 2, higherIsBetter: true, description: "ssim" };
      run.aggregates.ssim = { mean, median: mean, stderr: 0, n: 2 };
    }
    expect(terminalTable([reference, boxes])).toBe(
      [
        "model               pixel_similarity   ssim  tree_bleu  text_similarity  scored  failures",
        "reference                      1.000  1.000      1.000            1.000     2/2  none",
        "openai-crystalchat             0.406  0.250      0.125            0.050     1/2  generation_timeout 1",
      ].join("\n"),
    );
  });

  it("adds Design2Code's final score and the judge's overall score when a run has them", () => {
    const run = results("m", [record("a", 0.5)]);
    for (const id of ["ssim", "d2c_final", "wcgb_overall"]) {
      run.metrics[id] = { version: 1, higherIsBetter: true, description: id };
      run.aggregates[id] = { mean: 0.75, median: 0.75, stderr: 0, n: 1 };
    }
    expect(terminalTable([run]).split("\n")).toEqual([
      "model  pixel_similarity   ssim  tree_bleu  text_similarity  d2c_final  wcgb_overall  scored  failures",
      "m                 0.500  0.750      0.500            0.500      0.750         0.750     1/1  none",
    ]);
  });
});
