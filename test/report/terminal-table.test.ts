import { describe, expect, it } from "vitest";
import { terminalTable } from "../../src/report/index.js";
import type { Results } from "../../src/results/index.js";
import { record, recordWith, results } from "../helpers/runs.js";

/** Adds a metric to a fixture run as a run that scored it would hold it, with this mean (fixture runs share their metrics object: copied). */
function withMetric(run: Results, id: string, mean: number): void {
  run.metrics = { ...run.metrics, [id]: { version: 1, higherIsBetter: true, description: id } };
  run.aggregates = { ...run.aggregates, [id]: { mean, median: mean, stderr: 0, n: 1 } };
}

describe("terminalTable", () => {
  it("shows the models as rows, the main metrics' means as aligned columns headed by the start of their ids, samples scored and failures", () => {
    const reference = results("reference", [record("a", 1), record("b", 1)]);
    const boxes = results("openai-crystalchat", [
      recordWith("a", { pixel_similarity: 0.8125, tree_bleu: 0.25, text_similarity: 0.1 }),
      record("b", null, "generation_timeout"),
    ]);
    // The fixture runs score seven metrics: ssim is added as a run that scored it would hold it.
    withMetric(reference, "ssim", 1);
    withMetric(boxes, "ssim", 0.25);
    expect(terminalTable([reference, boxes])).toBe(
      [
        "model               pixel   ssim  tree_bleu   text  scored  failures",
        "reference           1.000  1.000      1.000  1.000     2/2  none",
        "openai-crystalchat  0.406  0.250      0.125  0.050     1/2  generation_timeout 1",
      ].join("\n"),
    );
  });

  it("adds Design2Code's scores of text blocks, its final score and the judge's overall score when a run has them", () => {
    const run = results("m", [record("a", 0.5)]);
    for (const id of ["ssim", "d2c_block_match", "d2c_text", "d2c_position", "d2c_color", "d2c_final", "wcgb_overall"])
      withMetric(run, id, 0.75);
    run.aggregates.d2c_position = { mean: 0.8125, median: 0.8125, stderr: 0, n: 1 };
    expect(terminalTable([run]).split("\n")).toEqual([
      "model  pixel   ssim  tree_bleu   text  d2c_block  d2c_text  d2c_pos  d2c_color  d2c_final  wcgb_overall  scored  failures",
      "m      0.500  0.750      0.500  0.500      0.750     0.750    0.813      0.750      0.750         0.750     1/1  none",
    ]);
  });

  it("keeps a run with Design2Code's four block scores to 111 columns with a model id of 20 characters (the ids as headings: 143)", () => {
    const run = results("replay-testset_final", [record("a", 0.5)]);
    for (const id of ["ssim", "d2c_block_match", "d2c_text", "d2c_position", "d2c_color"]) withMetric(run, id, 0.5);
    expect(terminalTable([run]).split("\n")).toEqual([
      "model                 pixel   ssim  tree_bleu   text  d2c_block  d2c_text  d2c_pos  d2c_color  scored  failures",
      "replay-testset_final  0.500  0.500      0.500  0.500      0.500     0.500    0.500      0.500     1/1  none",
    ]);
    expect(terminalTable([run]).split("\n")[0]).toHaveLength(111);
  });
});
