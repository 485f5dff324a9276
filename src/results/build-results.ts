import type { InteractionView } from "../shared/interaction-prompt.js";
import type { NamedViewport } from "../shared/viewports.js";
import { AGGREGATION_RULE, aggregateMetric, countFailures } from "./aggregate.js";
import { byViewport } from "./viewports.js";
import {
  RESULTS_SCHEMA_VERSION,
  type Environment,
  type InteractionRecord,
  type MergedShard,
  type MetricInfo,
  type ModelRecord,
  type Results,
  type SampleRecord,
} from "./schema.js";

export interface ResultsInput {
  tool: { name: string; version: string };
  createdAt: Date;
  task: string;
  /** Task `interaction`: which screenshots of each interaction the model was shown. */
  interactionPrompt?: InteractionView;
  model: ModelRecord;
  /** The dataset record; its sample counts are taken from the records. */
  dataset: { id: string; fingerprint: string; [key: string]: unknown };
  records: readonly SampleRecord[];
  /** `--viewports`, in order: the run's own first. */
  viewports?: readonly NamedViewport[];
  /** The metrics the run computed, in order: what each record's `metrics` holds and the aggregates cover. */
  metrics: Record<string, MetricInfo>;
  /** Metrics of the contract the run did not compute, with the reason. */
  absentMetrics?: Record<string, string>;
  /** The judge's description, usage and agreement, for a judged run. */
  judge?: Results["judge"];
  /** `--limit` and `--shard`, when the run covers part of the dataset. */
  selection?: { limit?: number; shard?: { index: number; count: number } };
  environment: Environment;
  /** This session's wall time; for a merged run, the sum of the shards' (machine time, not wall time). */
  totalMs: number;
  /** Samples an earlier, interrupted session finished and this one kept. */
  resumed?: number;
  /** A merged run's shards. */
  merged?: MergedShard[];
}

/** The results.json object of a finished run. */
export function buildResults(input: ResultsInput): Results {
  const { metrics } = input;
  const ids = Object.keys(metrics);
  const total = input.records.length;
  const aggregates = Object.fromEntries(ids.map((id) => [id, aggregateMetric(input.records, id)]));
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: input.tool,
    createdAt: input.createdAt.toISOString(),
    task: input.task,
    ...(input.interactionPrompt ? { interactionPrompt: input.interactionPrompt } : {}),
    model: input.model,
    dataset: { ...input.dataset, samples: { total, scored: input.records.filter((r) => r.status === "ok").length } },
    ...(input.selection ? { selection: input.selection } : {}),
    metrics,
    ...(input.absentMetrics && Object.keys(input.absentMetrics).length ? { absentMetrics: input.absentMetrics } : {}),
    aggregation: AGGREGATION_RULE,
    aggregates,
    ...(input.viewports ? { viewports: byViewport(input.viewports, aggregates) } : {}),
    failures: countFailures(input.records),
    environment: input.environment,
    cache: {
      replies: input.records.filter((r) => r.generation.cached).length,
      renders: input.records.filter((r) => r.render?.pred?.cached).length,
    },
    generation: generationTotals(input.records),
    ...refusedTotals(input.records),
    ...qaTotals(input.records),
    ...interactionTotals(input.records),
    timing: {
      totalMs: round(input.totalMs),
      samplesPerSecond: total ? round((total * 1000) / input.totalMs) : 0,
      stagesMs: stageTotals(input.records),
      ...(input.resumed ? { resumedSamples: input.resumed } : {}),
      ...(input.merged ? { mergedFrom: input.merged.length } : {}),
    },
    ...(input.judge ? { judge: input.judge } : {}),
    ...(input.merged
      ? {
          merged: {
            timing: "totalMs is the sum of the shards' totalMs (time spent on all machines, not wall-clock time)",
            shards: input.merged,
          },
        }
      : {}),
  };
}

/**
 * What the model produced over the run: tokens, the mean of the per-sample speeds the runtime
 * reported, and how many answers hit their token limit or had their budget clamped.
 */
function generationTotals(records: readonly SampleRecord[]) {
  const generations = records.flatMap((record) => (record.generation ? [record.generation] : []));
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const speeds = generations.flatMap((g) => (g.tokensPerSecond === undefined ? [] : [g.tokensPerSecond]));
  return {
    promptTokens: sum(generations.map((g) => g.usage?.prompt ?? 0)),
    completionTokens: sum(generations.map((g) => g.usage?.completion ?? 0)),
    meanTokensPerSecond: speeds.length ? round(sum(speeds) / speeds.length) : null,
    truncated: generations.filter((g) => g.truncated).length,
    clamped: generations.filter((g) => g.clampedFrom !== undefined).length,
  };
}

/** Task qa: questions asked twice, and the scores per category where the samples have one. */
function qaTotals(records: readonly SampleRecord[]): Pick<Results, "qa"> {
  const asked = records.filter((record) => record.qa);
  if (asked.length === 0) return {};
  const byCategory = new Map<string, SampleRecord[]>();
  for (const record of asked) {
    const category = record.qa!.category;
    if (category !== undefined) byCategory.set(category, [...(byCategory.get(category) ?? []), record]);
  }
  const categories = Object.fromEntries(
    [...byCategory].map(([category, members]) => [
      category,
      { n: members.length, qa_accuracy: aggregateMetric(members, "qa_accuracy").mean, qa_exact: aggregateMetric(members, "qa_exact").mean },
    ]),
  );
  return { qa: { retried: asked.filter((record) => record.qa!.answers.length > 1).length, categories } };
}

/** Task interaction: interactions by outcome, and each score's mean per tag type and per visual type (a null score counts 0). */
function interactionTotals(records: readonly SampleRecord[]): Pick<Results, "interaction"> {
  const all = records.flatMap((record) => record.interactions ?? []);
  if (all.length === 0) return {};
  const outcomes: Record<string, number> = {};
  for (const { outcome } of all) if (outcome) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  const ids = [...new Set(all.flatMap((interaction) => Object.keys(interaction.metrics)))];
  const groups = (typesOf: (interaction: InteractionRecord) => string[]) => {
    const members = new Map<string, InteractionRecord[]>();
    for (const interaction of all) for (const type of typesOf(interaction)) members.set(type, [...(members.get(type) ?? []), interaction]);
    return Object.fromEntries(
      [...members]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([type, group]) => [
          type,
          {
            n: group.length,
            means: Object.fromEntries(ids.map((id) => [id, round(group.reduce((sum, i) => sum + (i.metrics[id] ?? 0), 0) / group.length)])),
          },
        ]),
    );
  };
  return {
    interaction: {
      interactions: all.length,
      outcomes,
      byTagType: groups((interaction) => interaction.tagTypes),
      byVisualType: groups((interaction) => interaction.visualTypes),
    },
  };
}

/** The URLs listed in the run's results as the most frequent the sandbox refused. */
const REFUSED_LISTED = 20;

/** What the predictions' pages asked for and did not get, over the run (nothing when nothing was refused). */
function refusedTotals(records: readonly SampleRecord[]): Pick<Results, "refusedRequests"> {
  const notes = records.flatMap((record) => (record.render?.pred ? [record.render.pred] : []));
  const total = notes.reduce((sum, note) => sum + note.blockedRequests, 0);
  if (total === 0) return {};
  const counts = new Map<string, number>();
  for (const { url, count } of notes.flatMap((note) => note.refusedUrls ?? [])) counts.set(url, (counts.get(url) ?? 0) + count);
  const urls = [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, REFUSED_LISTED)
    .map(([url, count]) => ({ url, count }));
  return { refusedRequests: { total, samples: notes.filter((note) => note.blockedRequests > 0).length, urls } };
}

/** Sums every numeric field of the records' `ms` (nested ones such as per-metric times included). */
function stageTotals(records: readonly SampleRecord[]): Record<string, unknown> {
  const add = (into: Record<string, unknown>, from: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(from)) {
      if (typeof value === "number") into[key] = round(((into[key] as number | undefined) ?? 0) + value);
      else if (value && typeof value === "object") add((into[key] ??= {}) as Record<string, unknown>, value as Record<string, unknown>);
    }
  };
  const totals: Record<string, unknown> = {};
  for (const record of records) add(totals, record.ms);
  return totals;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
