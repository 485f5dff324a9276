import { escapeHtml, failureText, markdownTable, meanWithCi } from "./format.js";
import type { Results } from "./results-schema.js";

export interface ComparedRun {
  /** Link to the run's folder, relative to the comparison file. */
  link: string;
  results: Results;
}

interface Cell {
  text: string;
  best: boolean;
}

/** Models as rows, metrics as columns (mean ± 95% CI), n and failures; the best mean per column marked. */
function comparisonTable(runs: readonly ComparedRun[]): { header: string[]; rows: Cell[][] } {
  const ids = Object.keys(runs[0]?.results.metrics ?? {});
  const best = ids.map((id) => {
    const means = runs.map((r) => r.results.aggregates[id]?.mean ?? -Infinity);
    return runs[0]?.results.metrics[id]?.higherIsBetter === false ? Math.min(...means) : Math.max(...means);
  });
  const rows = runs.map(({ results }) => [
    { text: results.model.id, best: false },
    ...ids.map((id, i) => {
      const aggregate = results.aggregates[id]!;
      return { text: meanWithCi(aggregate), best: runs.length > 1 && aggregate.mean === best[i] };
    }),
    { text: String(results.dataset.samples.total), best: false },
    { text: failureText(results.failures), best: false },
  ]);
  return { header: ["model", ...ids, "n", "failures"], rows };
}

function subtitle(runs: readonly ComparedRun[]): string {
  const first = runs[0]?.results;
  return first ? `Dataset ${first.dataset.id} (${first.dataset.fingerprint.slice(0, 19)}…), task ${first.task}` : "";
}

export function comparisonMarkdown(runs: readonly ComparedRun[]): string {
  const { header, rows } = comparisonTable(runs);
  return [
    "# Model comparison",
    "",
    `${subtitle(runs)}. Each cell is the mean ± 95% confidence interval over all samples (failures score 0); best in **bold**.`,
    "",
    markdownTable(header, rows.map((row) => row.map((c) => (c.best ? `**${c.text}**` : c.text)))),
    "",
    "Runs: " + runs.map((r) => `[${r.results.model.id}](${r.link}/summary.md)`).join(", "),
    "",
  ].join("\n");
}

export function comparisonHtml(runs: readonly ComparedRun[]): string {
  const { header, rows } = comparisonTable(runs);
  const head = header.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows
    .map((row, r) => {
      const cells = row.map((c, i) => {
        const text = i === 0 ? `<a href="${escapeHtml(runs[r]!.link)}/summary.md">${escapeHtml(c.text)}</a>` : escapeHtml(c.text);
        return `<td${c.best ? ' class="best"' : ""}>${text}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Model comparison</title>
<style>
body { font: 14px/1.5 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
th { background: #f6f8fa; }
td.best { font-weight: 700; background: #dafbe1; }
</style></head>
<body>
<h1>Model comparison</h1>
<p>${escapeHtml(subtitle(runs))}. Each cell is the mean ± 95% confidence interval over all samples (failures score 0); best per column highlighted.</p>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</body></html>
`;
}
