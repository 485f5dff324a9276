import { describe, expect, it } from "vitest";
import { comparisonHtml, comparisonMarkdown } from "../../src/report/index.js";
import { record, results } from "./fixtures.js";

const runs = [
  { link: "good", results: results("good", [record("a", 1), record("b", 0.5)]) },
  { link: "bad<x>", results: results("bad<x>", [record("a", 0.25), record("b", null)]) },
];

describe("comparisonMarkdown", () => {
  it("puts models in rows and metrics in columns, the best mean in bold", () => {
    const half = "0.750 ± 0.490"; // mean 0.75, stderr sqrt(0.125/2) = 0.25, 1.96 x 0.25 = 0.49
    const low = "0.125 ± 0.245";
    expect(comparisonMarkdown(runs)).toBe(
      [
        "# Model comparison",
        "",
        "Dataset fixture (sha256:0123456789ab…), task image2html. Each cell is the mean ± 95% confidence interval over all samples (failures score 0); best in **bold**.",
        "",
        "| model | pixel_similarity | dom_depth_similarity | tag_count_similarity | unique_tags_similarity | tag_histogram_similarity | tree_bleu | text_similarity | n | failures |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        `| good | ${Array(7).fill(`**${half}**`).join(" | ")} | 2 | none |`,
        `| bad<x> | ${Array(7).fill(low).join(" | ")} | 2 | render_error 1 |`,
        "",
        "Runs: [good](good/summary.md), [bad<x>](bad<x>/summary.md)",
        "",
      ].join("\n"),
    );
  });
});

describe("comparisonHtml", () => {
  it("escapes model names and marks the best cells", () => {
    const html = comparisonHtml(runs);
    expect(html).toContain('<a href="bad&lt;x&gt;/summary.md">bad&lt;x&gt;</a>');
    expect(html).not.toContain("<x>");
    expect(html.match(/class="best"/g)).toHaveLength(7);
  });
});
