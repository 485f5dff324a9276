import type { LoadedRun } from "../results/index.js";

/** URLs listed per model in a report. */
const LISTED = 10;

/** Each run's most refused URLs as table rows (model, URL, requests); none where nothing was refused. */
export function refusedRows(runs: readonly LoadedRun[]): string[][] {
  return runs.flatMap((run) =>
    (run.results.refusedRequests?.urls ?? []).slice(0, LISTED).map(({ url, count }) => [run.results.model.id, url, String(count)]),
  );
}
