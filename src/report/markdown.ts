import { IMPLEMENT_RATE_NOTE, interactionTables } from "./interaction-tables.js";
import { agreementTable, PUBLISHED_WCGB_OVERALL, wcgbTable } from "./judge.js";
import { refusedRows } from "./refused.js";
import { provenanceFacts } from "./provenance.js";
import { aggregateTable, datasetLine, metricIds } from "./table.js";
import { LoadedRun, failureText, markdownTable, sampleScore, score } from "../results/index.js";

/** Samples listed per model as its worst. */
const WORST = 5;

/**
 * The Markdown report: the aggregate table (best in bold), failures, each model's worst samples
 * and provenance. No dates of its own, so the same runs give the same text.
 */
export function reportMarkdown(title: string, runs: readonly LoadedRun[], links: readonly string[]): string {
  const results = runs.map((run) => run.results);
  const ids = metricIds(results);
  const { header, rows } = aggregateTable(results);
  const worst = runs.flatMap((run) =>
    [...run.records]
      .sort((a, b) => sampleScore(a, ids) - sampleScore(b, ids) || a.id.localeCompare(b.id))
      .slice(0, WORST)
      .map((record) => [run.results.model.id, record.id, record.status, score(sampleScore(record, ids)), record.error ?? ""]),
  );
  const provenance = runs.flatMap((run) => provenanceFacts(run.results).map(([name, value]) => [run.results.model.id, name, value]));
  return [
    `# ${title}`,
    "",
    `${datasetLine(results)}. Each cell is the mean over all samples (failed samples count 0) and its 95% confidence interval; best in **bold**.`,
    "",
    markdownTable(
      header,
      rows.map((row) =>
        row.map((cell) => {
          const text = cell.best ? `**${cell.text}**` : cell.text;
          return cell.detail ? `${text} ${cell.detail}` : text;
        }),
      ),
    ),
    "",
    ...interactionSection(runs),
    ...judgeSection(runs),
    ...refusedSection(runs),
    "## Failures",
    "",
    markdownTable(
      ["model", "failures"],
      runs.map((run) => [run.results.model.id, failureText(run.results.failures)]),
    ),
    "",
    `## Worst samples (${WORST} per model, by the mean of every metric)`,
    "",
    markdownTable(["model", "sample", "status", "mean", "error"], worst),
    "",
    "## Provenance",
    "",
    markdownTable(["model", "fact", "value"], provenance),
    "",
    "Runs: " + runs.map((run, i) => `[${run.results.model.id}](${links[i]}/summary.md)`).join(", "),
    "",
  ].join("\n");
}

/** For runs of the `interaction` task: the implement rate and outcomes, and the scores by tag type and by visual type. */
function interactionSection(runs: readonly LoadedRun[]): string[] {
  const tables = interactionTables(runs);
  if (tables.length === 0) return [];
  return [
    "## Interactions",
    "",
    IMPLEMENT_RATE_NOTE,
    "",
    ...tables.flatMap(({ title, table }) => [`### ${title}`, "", markdownTable(table.header, table.rows), ""]),
  ];
}

/** For judged runs: the WCGB scores on Web2Code's 0-10 scale beside the published ones, and how far the judge can be trusted. */
function judgeSection(runs: readonly LoadedRun[]): string[] {
  const scores = wcgbTable(runs);
  if (!scores) return [];
  const agreement = agreementTable(runs);
  return [
    "## Judge (WCGB, Web2Code's 0-10 scale)",
    "",
    markdownTable(scores.header, scores.rows),
    "",
    `Published WCGB overall: ${PUBLISHED_WCGB_OVERALL.map(([model, overall]) => `${model} ${overall}`).join("; ")}.`,
    "",
    ...(agreement ? ["How far the judge can be trusted:", "", markdownTable(agreement.header, agreement.rows), ""] : []),
  ];
}

/** The URLs the predictions' pages were refused most, per model: what the library store lacks, or what the model made up. */
function refusedSection(runs: readonly LoadedRun[]): string[] {
  const rows = refusedRows(runs);
  if (rows.length === 0) return [];
  return ["## Requests the sandbox refused (most frequent)", "", markdownTable(["model", "URL", "requests"], rows), ""];
}
