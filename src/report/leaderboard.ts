import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { implementRate } from "./interaction-tables.js";
import { Aggregate, LoadedRun, Results, RunInputError, interval95 } from "../results/index.js";
import type { InteractionView } from "../shared/interaction-prompt.js";
import { INTERACTION_OUTCOMES } from "../shared/interactions.js";

/** Bumped with `schemas/leaderboard.schema.json` when a reader must know about a change. */
export const LEADERBOARD_SCHEMA_VERSION = 1;

/** The `$id` of the leaderboard's JSON Schema. */
export const LEADERBOARD_SCHEMA_ID = "urn:web2code-eval:schema:leaderboard:1";

/**
 * The leaderboard's JSON Schema (draft 2020-12), shipped in the package under `schemas/`.
 * Resolved from this module's place: `src/report/` (sources) and `dist/report/` (build) both sit
 * two folders below the package root.
 */
export const LEADERBOARD_SCHEMA_PATH = fileURLToPath(new URL("../../schemas/leaderboard.schema.json", import.meta.url));

/** One metric of one entry: the run's aggregate with its 95% interval. */
export interface LeaderboardAggregate {
  mean: number;
  /** mean - 1.96·stderr, clamped to [0, 1]. */
  low: number;
  /** mean + 1.96·stderr, clamped to [0, 1]. */
  high: number;
  stderr: number;
  median: number;
  n: number;
}

export interface LeaderboardProvenance {
  /** The run's `model` object, verbatim. */
  model: { id: string; [key: string]: unknown };
  /** The tool that made the run. */
  tool: { name: string; version: string };
  createdAt: string;
  environment: {
    node: string;
    chrome: string;
    renderer?: { fingerprint: string };
    dependencies?: Record<string, string>;
  };
}

export interface LeaderboardEntry {
  id: string;
  provenance: LeaderboardProvenance;
  aggregates: Record<string, LeaderboardAggregate>;
  /** Samples in the run, failed ones included. */
  n: number;
  /** Samples with status ok. */
  scored: number;
  /** Failed samples by status, keys sorted. */
  failures: Record<string, number>;
  /** The run's createdAt. */
  date: string;
  /** Task `interaction`: which screenshots of each interaction the model was shown. */
  interactionPrompt?: InteractionView;
  interaction?: LeaderboardInteraction;
  /** `--viewports`: each viewport named as given, in order (the run's own first), with its scores under the metrics' own ids. */
  viewports?: Record<string, { width: number; height: number; aggregates: Record<string, LeaderboardAggregate> }>;
}

/** Task `interaction`: the run's interactions, its implement rate, and its totals as results.json gives them. */
export interface LeaderboardInteraction {
  interactions: number;
  /** Interaction2Code's implement rate: interaction_implemented's mean over all interactions (not pages). */
  implemented: number;
  /** Interactions by outcome, in the outcomes' order; those never driven are in no key. */
  outcomes: Record<string, number>;
  byTagType: NonNullable<Results["interaction"]>["byTagType"];
  byVisualType: NonNullable<Results["interaction"]>["byVisualType"];
}

/** The object `leaderboard --out FILE.json` writes; valid against `LEADERBOARD_SCHEMA_PATH`. */
export interface Leaderboard {
  schemaVersion: typeof LEADERBOARD_SCHEMA_VERSION;
  tool: { name: string; version: string };
  /** The newest entry's date: a fact of the runs, so the same runs give the same file. */
  createdAt: string;
  dataset: { id: string; version?: string; fingerprint: string };
  task: string;
  metrics: Results["metrics"];
  aggregation: string;
  entries: LeaderboardEntry[];
}

export interface LeaderboardOptions {
  /** The tool writing the leaderboard (not necessarily the one that made the runs). */
  tool: { name: string; version: string };
}

/**
 * One leaderboard over finished runs of one dataset and task, one entry per model.
 *
 * - Order: entries sorted by model id (UTF-16 code-unit order, not locale), so the file does not
 *   depend on the order the runs are given in; metric keys in the order of the runs' `metrics`
 *   (the first run by model id, then any metric only later runs have); failure keys sorted.
 * - Numbers: full double precision, never rounded, so a reader (e.g. `compare` taking its baseline
 *   from this file) sees exactly what results.json holds.
 * - Intervals: mean ∓ 1.96·stderr (normal approximation, as the reports show), clamped to [0, 1].
 * - No time of writing: `createdAt` is the newest run's date, so the same runs give the same bytes.
 *
 * Refuses (RunInputError, exit 2) runs of different dataset fingerprints or tasks, a metric at
 * two versions, two runs of one model id, and no runs at all.
 */
export function buildLeaderboard(runs: readonly LoadedRun[], options: LeaderboardOptions): Leaderboard {
  const [first] = runs;
  if (!first) throw new RunInputError("leaderboard: no runs given");
  checkComparable(runs);
  const sorted = [...runs].sort((a, b) => compareIds(a.results.model.id, b.results.model.id));
  const head = sorted[0]!.results;
  const metrics: Results["metrics"] = {};
  for (const { results } of sorted) {
    for (const [id, metric] of Object.entries(results.metrics)) metrics[id] ??= metric;
  }
  const metricIds = Object.keys(metrics);
  const entries = sorted.map((run) => entry(run, metricIds));
  return {
    schemaVersion: LEADERBOARD_SCHEMA_VERSION,
    tool: { name: options.tool.name, version: options.tool.version },
    // ISO 8601 UTC strings of one form sort as their dates do.
    createdAt: entries.map((e) => e.date).reduce((newest, date) => (date > newest ? date : newest)),
    dataset: {
      id: head.dataset.id,
      ...(typeof head.dataset.version === "string" ? { version: head.dataset.version } : {}),
      fingerprint: head.dataset.fingerprint,
    },
    task: head.task,
    metrics,
    aggregation: head.aggregation,
    entries,
  };
}

/** The interval a leaderboard reports for one aggregate. */
export function leaderboardAggregate(aggregate: Aggregate): LeaderboardAggregate {
  const { low, high } = interval95(aggregate);
  return {
    mean: aggregate.mean,
    low,
    high,
    stderr: aggregate.stderr,
    median: aggregate.median,
    n: aggregate.n,
  };
}

function entry(run: LoadedRun, metricIds: readonly string[]): LeaderboardEntry {
  const { results } = run;
  const date = isoDate(results.createdAt, run);
  const aggregates: Record<string, LeaderboardAggregate> = {};
  for (const id of metricIds) {
    const aggregate = results.aggregates[id];
    if (aggregate) aggregates[id] = leaderboardAggregate(aggregate);
  }
  return {
    id: results.model.id,
    provenance: {
      model: results.model,
      tool: { name: results.tool.name, version: results.tool.version },
      createdAt: date,
      environment: environment(results.environment),
    },
    aggregates,
    n: results.dataset.samples.total,
    scored: results.dataset.samples.scored,
    failures: Object.fromEntries(Object.entries(results.failures).sort(([a], [b]) => compareIds(a, b))),
    date,
    ...(results.interactionPrompt ? { interactionPrompt: results.interactionPrompt } : {}),
    ...(results.interaction ? { interaction: interactionFields(run, results.interaction) } : {}),
    ...(results.viewports ? { viewports: viewportFields(results.viewports) } : {}),
  };
}

function viewportFields(viewports: NonNullable<Results["viewports"]>): NonNullable<LeaderboardEntry["viewports"]> {
  return Object.fromEntries(
    Object.entries(viewports).map(([name, { width, height, aggregates }]) => [
      name,
      { width, height, aggregates: Object.fromEntries(Object.entries(aggregates).map(([id, a]) => [id, leaderboardAggregate(a)])) },
    ]),
  );
}

function interactionFields(run: LoadedRun, totals: NonNullable<Results["interaction"]>): LeaderboardInteraction {
  return {
    interactions: totals.interactions,
    implemented: implementRate(run.records) ?? 0,
    outcomes: Object.fromEntries(
      INTERACTION_OUTCOMES.flatMap((outcome) => (totals.outcomes[outcome] ? [[outcome, totals.outcomes[outcome]]] : [])),
    ),
    byTagType: totals.byTagType,
    byVisualType: totals.byVisualType,
  };
}

function environment(recorded: Results["environment"]): LeaderboardProvenance["environment"] {
  const out: LeaderboardProvenance["environment"] = { node: recorded.node, chrome: recorded.chrome };
  const renderer = recorded.renderer as { fingerprint?: unknown } | undefined;
  if (renderer && typeof renderer.fingerprint === "string") out.renderer = { fingerprint: renderer.fingerprint };
  const dependencies = recorded.dependencies;
  if (dependencies && typeof dependencies === "object") {
    out.dependencies = Object.fromEntries(
      Object.entries(dependencies).filter((pair): pair is [string, string] => typeof pair[1] === "string"),
    );
  }
  return out;
}

/** Every run against the first one given: same dataset content, same task, no metric at two versions, no model twice. */
function checkComparable(runs: readonly LoadedRun[]): void {
  const first = runs[0]!;
  const a = first.results;
  for (const run of runs.slice(1)) {
    const b = run.results;
    if (b.dataset.fingerprint !== a.dataset.fingerprint) {
      throw new RunInputError(
        `${first.dir} and ${run.dir} were scored on different datasets (${a.dataset.id} ${a.dataset.fingerprint} vs ${b.dataset.id} ${b.dataset.fingerprint}); a leaderboard holds runs of one dataset`,
      );
    }
    if (b.task !== a.task) {
      throw new RunInputError(
        `${first.dir} and ${run.dir} ran different tasks (${a.task} vs ${b.task}); a leaderboard holds runs of one task`,
      );
    }
  }
  const versions = new Map<string, { version: number; dir: string }>();
  const models = new Map<string, string>();
  for (const run of runs) {
    for (const [id, metric] of Object.entries(run.results.metrics)) {
      const seen = versions.get(id);
      if (!seen) versions.set(id, { version: metric.version, dir: run.dir });
      else if (seen.version !== metric.version) {
        throw new RunInputError(
          `${seen.dir} and ${run.dir} scored ${id} at different versions (${seen.version} vs ${metric.version}); their scores do not compare`,
        );
      }
    }
    const model = run.results.model.id;
    const other = models.get(model);
    if (other !== undefined)
      throw new RunInputError(`${other} and ${run.dir} are both runs of model ${model}; a leaderboard holds one run per model`);
    models.set(model, run.dir);
  }
}

/** A run's createdAt as ISO 8601 UTC; a date that does not parse is bad input. */
function isoDate(text: string, run: LoadedRun): string {
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new RunInputError(`${join(run.dir, "results.json")}: field createdAt: not a date (${JSON.stringify(text)})`);
  return date.toISOString();
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
