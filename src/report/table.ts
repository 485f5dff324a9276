import { Results, failureText, intervalText, score } from "../results/index.js";

export interface TableCell {
  text: string;
  /** Under the text, smaller: a mean's 95% interval. */
  detail?: string;
  best: boolean;
}

/**
 * The backbone table: models as rows, metrics as columns (the mean, its 95% interval as the
 * detail), then n and failures; the best mean per column marked when there is more than one model.
 */
export function aggregateTable(runs: readonly Results[]): { header: string[]; rows: TableCell[][] } {
  const ids = metricIds(runs);
  const best = ids.map((id) => {
    const means = runs.map((r) => r.aggregates[id]?.mean ?? -Infinity);
    return runs[0]?.metrics[id]?.higherIsBetter === false ? Math.min(...means) : Math.max(...means);
  });
  const rows = runs.map((results) => [
    { text: results.model.id, best: false },
    ...ids.map((id, i) => {
      const aggregate = results.aggregates[id];
      return aggregate
        ? { text: score(aggregate.mean), detail: intervalText(aggregate), best: runs.length > 1 && aggregate.mean === best[i] }
        : { text: "—", best: false };
    }),
    { text: String(results.dataset.samples.total), best: false },
    { text: failureText(results.failures), best: false },
  ]);
  return { header: ["model", ...ids, "n", "failures"], rows };
}

/** The metric ids of the first run, in its order: runs of one tool version share them. */
export function metricIds(runs: readonly Results[]): string[] {
  return Object.keys(runs[0]?.metrics ?? {});
}

/** One line on what was compared: dataset, its fingerprint, the task. */
export function datasetLine(runs: readonly Results[]): string {
  const first = runs[0];
  return first ? `Dataset ${first.dataset.id} (${first.dataset.fingerprint.slice(0, 19)}…), task ${first.task}` : "";
}
