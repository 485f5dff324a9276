import { describe, expect, it } from "vitest";
import { metricsMetadata, METRICS } from "../../src/metrics/index.js";
import { buildLeaderboard } from "../../src/report/index.js";
import { scoredViewports, summaryMarkdown, type SampleRecord } from "../../src/results/index.js";
import { leaderboardValidator, results } from "../helpers/runs.js";

const infos = metricsMetadata(METRICS.filter((metric) => metric.id === "pixel_similarity" || metric.id === "ssim"));
/** pixel_similarity and ssim at the run's own viewport, and pixel_similarity again at 390x844. */
const METRICS_AT_VIEWPORTS = { ...infos, "pixel_similarity@390x844": { ...infos.pixel_similarity!, viewport: "390x844" } };
const VIEWPORTS = [
  { name: "1280x720", width: 1280, height: 720 },
  { name: "390x844", width: 390, height: 844 },
];

function record(id: string, own: number, phone: number): SampleRecord {
  return {
    id,
    status: "ok",
    metrics: { pixel_similarity: own, ssim: own, "pixel_similarity@390x844": phone },
    stats: { pred: null, ref: null },
    generation: { truncated: false },
    ms: { generate: 0, render: 0, decode: 0, metrics: {}, total: 10 },
  };
}

const records = [record("a", 0.5, 0.25), record("b", 1, 0.75)];
const run = results("m", records, { metrics: METRICS_AT_VIEWPORTS, viewports: VIEWPORTS });

describe("results of a run scored at several viewports", () => {
  it("keys each viewport's aggregates by the metrics' own ids, the run's own viewport first", () => {
    expect(run.viewports).toEqual({
      "1280x720": {
        width: 1280,
        height: 720,
        aggregates: { pixel_similarity: run.aggregates.pixel_similarity, ssim: run.aggregates.ssim },
      },
      "390x844": { width: 390, height: 844, aggregates: { pixel_similarity: run.aggregates["pixel_similarity@390x844"] } },
    });
    expect(run.aggregates["pixel_similarity@390x844"]).toMatchObject({ mean: 0.5, median: 0.5, n: 2 });
    expect(scoredViewports(run)).toEqual(VIEWPORTS);
    expect(scoredViewports(results("m", records, { metrics: METRICS_AT_VIEWPORTS }))).toEqual([]);
  });

  it("sets the viewports side by side in summary.md, the own viewport's table holding only its own scores", () => {
    const summary = summaryMarkdown(run, records);
    expect(summary).toContain(
      "| metric | 1280x720 | 390x844 |\n| --- | --- | --- |\n| pixel_similarity | 0.750 [0.260, 1.000] | 0.500 [0.010, 0.990] |\n| ssim | 0.750 [0.260, 1.000] | — |\n",
    );
    const own = summary.slice(summary.indexOf("Aggregates"), summary.indexOf("## Viewports"));
    expect(own).toContain("| pixel_similarity |");
    expect(own).not.toContain("@390x844");
  });

  it("gives each leaderboard entry its viewports, valid against the shipped schema", () => {
    const board = buildLeaderboard([{ dir: "/runs/m", results: run, records }], { tool: { name: "web2code-eval", version: "0" } });
    expect(board.entries[0]!.viewports!["390x844"]).toEqual({
      width: 390,
      height: 844,
      aggregates: { pixel_similarity: board.entries[0]!.aggregates["pixel_similarity@390x844"] },
    });
    const validate = leaderboardValidator();
    expect(validate(board), JSON.stringify(validate.errors)).toBe(true);
  });
});
