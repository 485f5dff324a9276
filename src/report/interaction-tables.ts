import { interactionImplemented } from "../metrics/interaction-implemented.js";
import { score, type LoadedRun, type Results, type SampleRecord } from "../results/index.js";
import { INTERACTION_OUTCOMES } from "../shared/interactions.js";

/** A table's header and rows as text, for the HTML and the Markdown report alike. */
export interface TextTable {
  header: string[];
  rows: string[][];
}

/**
 * Interaction2Code's implement rate over a run: the mean of interaction_implemented over all its
 * interactions (not over pages, as the run's aggregate is), those never driven counting 0 as a
 * failed sample's scores do; undefined for a run without interactions.
 */
export function implementRate(records: readonly SampleRecord[]): number | undefined {
  const all = records.flatMap((record) => record.interactions ?? []);
  if (all.length === 0) return undefined;
  return all.reduce((sum, interaction) => sum + (interaction.metrics[interactionImplemented.id] ?? 0), 0) / all.length;
}

/** The runs of the `interaction` task, each with its totals. */
function interactive(runs: readonly LoadedRun[]): Array<{ run: LoadedRun; totals: NonNullable<Results["interaction"]> }> {
  return runs.flatMap((run) => (run.results.interaction ? [{ run, totals: run.results.interaction }] : []));
}

/** Per run: its interactions, the implement rate, and how many ended in each outcome or were never driven. */
export function outcomeTable(runs: readonly LoadedRun[]): TextTable | undefined {
  const rows = interactive(runs).map(({ run, totals }) => {
    const counts = INTERACTION_OUTCOMES.map((outcome) => totals.outcomes[outcome] ?? 0);
    const driven = counts.reduce((sum, count) => sum + count, 0);
    return [
      run.results.model.id,
      String(totals.interactions),
      score(implementRate(run.records) ?? 0),
      ...counts.map(String),
      String(totals.interactions - driven),
    ];
  });
  if (rows.length === 0) return undefined;
  return { header: ["model", "interactions", "implement rate", ...INTERACTION_OUTCOMES, "not driven"], rows };
}

/**
 * Each score's mean over the interactions of each tag type (`byTagType`) or visual type, as
 * Interaction2Code's tables are cut: one row per type and run, the runs of a type together.
 */
export function typeTable(runs: readonly LoadedRun[], cut: "byTagType" | "byVisualType"): TextTable | undefined {
  const runsWithTotals = interactive(runs);
  if (runsWithTotals.length === 0) return undefined;
  const groups = runsWithTotals.map(({ totals }) => totals[cut]);
  const types = [...new Set(groups.flatMap((group) => Object.keys(group)))].sort();
  const ids = [...new Set(groups.flatMap((group) => Object.values(group).flatMap((members) => Object.keys(members.means))))];
  const rows = types.flatMap((type) =>
    runsWithTotals.flatMap(({ run, totals }, i) => {
      const members = totals[cut][type];
      if (!members) return [];
      const first = runsWithTotals.findIndex((other) => other.totals[cut][type]) === i;
      const means = ids.map((id) => (members.means[id] === undefined ? "" : score(members.means[id])));
      return [[first ? type : "", run.results.model.id, String(members.n), ...means]];
    }),
  );
  return { header: [cut === "byTagType" ? "tag type" : "visual type", "model", "n", ...ids], rows };
}

/** What the reports say of the implement rate, under their "Interactions" heading. */
export const IMPLEMENT_RATE_NOTE =
  "Implement rate: the share of all interactions whose element exists and changes the page when acted on (interaction_implemented's mean over interactions, not pages); those never driven, on pages that failed before, count 0. The tables by type give each score's mean over the interactions of the type (an interaction may have several types).";

/** The reports' tables of the `interaction` task, each with its id and title; none when no run is of it. */
export function interactionTables(runs: readonly LoadedRun[]): Array<{ id: string; title: string; table: TextTable }> {
  const outcomes = outcomeTable(runs);
  if (!outcomes) return [];
  return [
    { id: "interaction-outcomes", title: "Implement rate and outcomes", table: outcomes },
    ...(["byTagType", "byVisualType"] as const).map((cut) => {
      const table = typeTable(runs, cut)!;
      return { id: `interaction-${cut}`, title: `By ${table.header[0]}`, table };
    }),
  ];
}
