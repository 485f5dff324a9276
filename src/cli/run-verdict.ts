import { failureText, type Results } from "../results/index.js";
import { RegressionFound } from "./errors.js";
import type { MaxFailures } from "./flags.js";

/** A run in which no sample was scored: it measured nothing, so the command fails (exit 1). */
export class NothingScored extends Error {}

/**
 * What a CI job acts on after the runs are written and their output printed: a run with samples
 * but none scored is a failure (exit 1); more failed samples than `--max-failures` allows is a
 * threshold failure (exit 100). Each says why in one line.
 */
export function checkRuns(runs: readonly Results[], max: MaxFailures | undefined): void {
  const failed = (results: Results) => results.dataset.samples.total - results.dataset.samples.scored;
  const describe = (results: Results) =>
    `${results.model.id} (${failed(results)} of ${results.dataset.samples.total} failed: ${failureText(results.failures)})`;
  const empty = runs.filter((results) => results.dataset.samples.total > 0 && results.dataset.samples.scored === 0);
  if (empty.length) throw new NothingScored(`no sample scored by ${empty.map(describe).join(", ")}`);
  if (!max) return;
  const allowed = (results: Results) => ("count" in max ? max.count : (max.percent / 100) * results.dataset.samples.total);
  const over = runs.filter((results) => failed(results) > allowed(results));
  if (over.length) {
    const limit = "count" in max ? `${max.count}` : `${max.percent}%`;
    throw new RegressionFound(`more failed samples than --max-failures ${limit} allows: ${over.map(describe).join(", ")}`);
  }
}
