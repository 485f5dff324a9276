import { describe, expect, it } from "vitest";
import { compareMarkdown, compareRuns, type Assertion } from "../../src/report/index.js";
import { loadedRun, record, recordWith } from "../helpers/runs.js";

const RULE = "A regression is a change whose interval lies wholly below minus the metric's max drop.";

describe("compareMarkdown", () => {
  it("puts the verdict first, then the table, the samples that got most worse and the settings (golden)", () => {
    // Constant per-metric changes, so every interval collapses on the change and the golden is hand-checkable:
    // pixel -0.25 (error), dom depth -0.25 (off), tree_bleu -0.125 (warn, max drop 0.02), text +0.125.
    const shared = ["a", "b", "c", "d"];
    const baseline = [...shared.map((id) => recordWith(id, { pixel_similarity: 0.75 })), record("x", 0.5)];
    const current = [
      ...shared.map((id) =>
        recordWith(id, { pixel_similarity: 0.5, dom_depth_similarity: 0.25, tree_bleu: 0.375, text_similarity: 0.625 }),
      ),
      record("y", 0.5),
    ];
    const assertions: Record<string, Assertion> = {
      tree_bleu: { level: "warn", maxDrop: 0.02 },
      dom_depth_similarity: { level: "off", maxDrop: 0.01 },
    };
    const comparison = compareRuns({ kind: "run", run: loadedRun("base-model", baseline) }, loadedRun("cur-model", current), {
      assertion: (id) => assertions[id] ?? { level: "error", maxDrop: 0.01 },
    });
    // Per sample, mean over the metrics that regressed (pixel_similarity, tree_bleu): baseline 0.625, current 0.4375.
    expect(compareMarkdown(comparison)).toBe(
      [
        "## web2code-eval compare",
        "",
        "**Regression** in pixel_similarity (error); warning: regression in tree_bleu (warn)",
        "",
        "Baseline `base-model`, current `cur-model`; dataset fixture `sha256:0123456789abcdef0123456789abcdef`.",
        "",
        `4 samples in both runs (1 only in the baseline, 1 only in the current run); change = current - baseline, with a paired bootstrap 95% interval (10000 resamples, seed 1). ${RULE}`,
        "",
        "| metric | baseline | current | change [95% CI] | max drop | verdict |",
        "| --- | --- | --- | --- | --- | --- |",
        "| **pixel_similarity** | 0.750 | 0.500 | -0.250 [-0.250, -0.250] | 0.010 (error) | **regression** |",
        "| dom_depth_similarity | 0.500 | 0.250 | -0.250 [-0.250, -0.250] | off | off |",
        "| tag_count_similarity | 0.500 | 0.500 | 0.000 [0.000, 0.000] | 0.010 (error) | neutral |",
        "| unique_tags_similarity | 0.500 | 0.500 | 0.000 [0.000, 0.000] | 0.010 (error) | neutral |",
        "| tag_histogram_similarity | 0.500 | 0.500 | 0.000 [0.000, 0.000] | 0.010 (error) | neutral |",
        "| **tree_bleu** | 0.500 | 0.375 | -0.125 [-0.125, -0.125] | 0.020 (warn) | **regression** |",
        "| text_similarity | 0.500 | 0.625 | +0.125 [+0.125, +0.125] | 0.010 (error) | improvement |",
        "",
        "### Samples that got most worse (mean over pixel_similarity, tree_bleu, the metrics that regressed)",
        "",
        "| sample | baseline | current | change | status |",
        "| --- | --- | --- | --- | --- |",
        "| a | 0.625 | 0.438 | -0.188 | ok |",
        "| b | 0.625 | 0.438 | -0.188 | ok |",
        "| c | 0.625 | 0.438 | -0.188 | ok |",
        "| d | 0.625 | 0.438 | -0.188 | ok |",
        "",
      ].join("\n"),
    );
  });

  it("says when there is no regression, names improvements, and that nothing got worse", () => {
    const comparison = compareRuns({ kind: "run", run: loadedRun("base", [record("a", 0.5)]) }, loadedRun("cur", [record("a", 0.75)]));
    const markdown = compareMarkdown(comparison);
    expect(markdown.split("\n")[2]).toBe(
      "No regression; improvement in pixel_similarity, dom_depth_similarity, tag_count_similarity, unique_tags_similarity, tag_histogram_similarity, tree_bleu, text_similarity",
    );
    expect(markdown).toMatch(/### Samples that got most worse \(mean over metrics\)\n\nNone got worse\.\n$/);
  });

  it("lists the samples behind a regression even when the mean over all metrics got better", () => {
    // tree_bleu drops by 0.25 on every sample while two other metrics rise by 0.375: over all seven
    // metrics every sample got better, yet tree_bleu regressed, and the list must show where.
    const ids = ["a", "b", "c"];
    const comparison = compareRuns(
      {
        kind: "run",
        run: loadedRun(
          "base",
          ids.map((id) => recordWith(id, { tree_bleu: 0.75 })),
        ),
      },
      loadedRun(
        "cur",
        ids.map((id) => recordWith(id, { tree_bleu: 0.5, pixel_similarity: 0.875, text_similarity: 0.875 })),
      ),
    );
    expect(comparison.worseOver).toEqual(["tree_bleu"]);
    const markdown = compareMarkdown(comparison);
    expect(markdown.split("\n")[2]).toBe("**Regression** in tree_bleu (error)");
    expect(markdown).not.toContain("None got worse");
    expect(markdown.split("### ")[1]).toBe(
      [
        "Samples that got most worse (mean over tree_bleu, the metric that regressed)",
        "",
        "| sample | baseline | current | change | status |",
        "| --- | --- | --- | --- | --- |",
        "| a | 0.750 | 0.500 | -0.250 | ok |",
        "| b | 0.750 | 0.500 | -0.250 | ok |",
        "| c | 0.750 | 0.500 | -0.250 | ok |",
        "",
      ].join("\n"),
    );
  });

  it("marks a warn-level regression alone as a warning", () => {
    const comparison = compareRuns({ kind: "run", run: loadedRun("base", [record("a", 0.5)]) }, loadedRun("cur", [record("a", 0.25)]), {
      assertion: () => ({ level: "warn", maxDrop: 0.01 }),
    });
    expect(compareMarkdown(comparison).split("\n")[2]).toBe(
      "**Warning:** regression in pixel_similarity, dom_depth_similarity, tag_count_similarity, unique_tags_similarity, tag_histogram_similarity, tree_bleu, text_similarity (warn)",
    );
  });

  it("says a leaderboard baseline is unpaired, shows absent metrics and warnings, and lists no samples (golden)", () => {
    const comparison = compareRuns(
      {
        kind: "leaderboard",
        file: "/boards/lb.json",
        dataset: { id: "fixture", fingerprint: "sha256:old" },
        metrics: {},
        entry: { id: "cur-model", aggregates: { pixel_similarity: { mean: 0.5, stderr: 0.01, n: 3 } } },
      },
      loadedRun("cur-model", [record("a", 0.5), record("b", 0.5)]),
    );
    const absent = (id: string) => `| ${id} | n/a | 0.500 | n/a | 0.010 (error) | absent |`;
    expect(compareMarkdown(comparison)).toBe(
      [
        "## web2code-eval compare",
        "",
        "No regression",
        "",
        "Baseline `cur-model`, current `cur-model`; dataset fixture `sha256:0123456789abcdef0123456789abcdef`.",
        "",
        `Unpaired: the baseline is a leaderboard entry, so change = current mean - baseline mean with the 95% interval ± 1.96 √(se_b² + se_c²), and no per-sample list. ${RULE}`,
        "",
        "> **Warning:** dataset changed: baseline sha256:old, current sha256:0123456789abcdef0123456789abcdef",
        "",
        "| metric | baseline | current | change [95% CI] | max drop | verdict |",
        "| --- | --- | --- | --- | --- | --- |",
        // 1.96 × √(0.01² + 0²) = 0.0196.
        "| pixel_similarity | 0.500 | 0.500 | 0.000 [-0.020, +0.020] | 0.010 (error) | neutral |",
        ...[
          "dom_depth_similarity",
          "tag_count_similarity",
          "unique_tags_similarity",
          "tag_histogram_similarity",
          "tree_bleu",
          "text_similarity",
        ].map(absent),
        "",
      ].join("\n"),
    );
  });
});
