import { failureText, score, type Results } from "../results/index.js";

/**
 * The metrics a terminal shows, when a run has them, and each one's column heading: one per kind
 * of evidence (pixels, structure, text), Design2Code's scores of text blocks (the field's
 * headline numbers), a judge, answers. A heading is the start of its metric's id, short enough
 * that a run with all of Design2Code's scores fits about 100 columns. Every metric, with its
 * interval, is in the run's summary.md and the reports.
 */
const HEADLINE_METRICS: ReadonlyArray<readonly [id: string, heading: string]> = [
  ["pixel_similarity", "pixel"],
  ["ssim", "ssim"],
  ["tree_bleu", "tree_bleu"],
  ["text_similarity", "text"],
  ["d2c_block_match", "d2c_block"],
  ["d2c_text", "d2c_text"],
  ["d2c_position", "d2c_pos"],
  ["d2c_color", "d2c_color"],
  ["d2c_final", "d2c_final"],
  ["wcgb_overall", "wcgb_overall"],
  ["qa_accuracy", "qa_accuracy"],
];

/**
 * The aggregate table as a terminal prints it at the end of `run` and `score`: the models as rows,
 * the headline metrics' means as columns (headed by the start of their ids), the samples scored and the failures; plain text in
 * aligned columns.
 */
export function terminalTable(runs: readonly Results[]): string {
  const present = new Set(runs.flatMap((results) => Object.keys(results.metrics)));
  const shown = HEADLINE_METRICS.filter(([id]) => present.has(id));
  const ids = shown.map(([id]) => id);
  const header = ["model", ...shown.map(([, heading]) => heading), "scored", "failures"];
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
