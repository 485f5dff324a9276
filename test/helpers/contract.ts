import { readFileSync } from "node:fs";

/** docs/contract.md, the public contract: tests check the code's names against it. */
export const CONTRACT = readFileSync(new URL("../../docs/contract.md", import.meta.url), "utf8");

/** The lines of the first Markdown table after the line `heading`, up to the first line that is not a row. */
export function contractTable(heading: string): string[] {
  const lines = CONTRACT.split("\n");
  const from = lines.indexOf(heading);
  if (from < 0) throw new Error(`docs/contract.md has no line "${heading}"`);
  const start = lines.findIndex((line, i) => i > from && line.startsWith("|"));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith("|"));
  return lines.slice(start, end < 0 ? undefined : end);
}

/** The cells of a table row, trimmed. */
export const cells = (row: string): string[] =>
  row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());

/** The rows of docs/contract.md's metric table: each id with the runs that have it (`every run`, `--judge`, ...). */
export const CONTRACT_METRICS: ReadonlyArray<{ id: string; when: string }> = contractTable("## Metric ids")
  .slice(2)
  .map((row) => {
    const [id, when] = cells(row);
    return { id: id!.replace(/`/g, ""), when: when!.replace(/`/g, "") };
  });

/**
 * The metric ids of docs/contract.md that every run scores, in its order (d2c_clip and d2c_final, the
 * wcgb_* and qa_* ids come only with their options).
 */
export const CONTRACT_METRIC_IDS: string[] = CONTRACT_METRICS.filter((metric) => metric.when === "every run").map((metric) => metric.id);
