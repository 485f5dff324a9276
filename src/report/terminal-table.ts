import { failureText, score, type Results } from "../results/index.js";

/**
 * The metrics a terminal shows, when a run has them: one per kind of evidence (pixels, structure,
 * text, the layout of text blocks, a judge, answers). Every metric, with its interval, is in the
 * run's summary.md and the reports.
 */
const HEADLINE_METRICS = ["pixel_similarity", "ssim", "tree_bleu", "text_similarity", "d2c_final", "wcgb_overall", "qa_accuracy"];

/**
 * The aggregate table as a terminal prints it at the end of `run` and `score`: the models as rows,
 * the headline metrics' means as columns, the samples scored and the failures; plain text in
 * aligned columns.
 */
export function terminalTable(runs: readonly Results[]): string {
  const present = new Set(runs.flatMap((results) => Object.keys(results.metrics)));
  const ids = HEADLINE_METRICS.filter((id) => present.has(id));
  const header = ["model", ...ids, "scored", "failures"];
  const rows = runs.map((results) => [
    results.model.id,
    ...ids.map((id) => {
      const aggregate = results.aggregates[id];
      return aggregate ? score(aggregate.mean) : "—";
    }),
    `${results.dataset.samples.scored}/${results.dataset.samples.total}`,
    failureText(results.failures),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  // The model and the failures read left to right; numbers line up on the right.
  const last = header.length - 1;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 || column === last ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
