import { constants, copyFileSync, existsSync, mkdirSync, realpathSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Dataset } from "../datasets/index.js";
import {
  buildResults,
  scoredViewports,
  modelIdentity,
  RUN_FILES,
  SAMPLE_FILES,
  sampleFile,
  stateFile,
  summaryMarkdown,
  writeResults,
  writeSampleLines,
  type LoadedRun,
  type MergedShard,
  type Results,
  type SampleFileKind,
  type SampleRecord,
} from "../results/index.js";
import { BadInputError, firstDifference, showJson, writeFileAtomic } from "../shared/index.js";
import { RunDirectory } from "./run-dir.js";
import { judgeIdentity, judgeSummary, type JudgeDescription } from "./run-judge.js";
import { positionInRun, selectSamples, type Shard } from "./select.js";

/** Shard runs that cannot be joined into one run: bad input, exit 2, nothing written. */
export class MergeError extends BadInputError {}

/** Shard runs checked and joined: what the merged run's results.json, samples.jsonl and files come from. */
export interface MergedRun {
  /** The shards, by index. */
  shards: Array<LoadedRun & { shard: Shard }>;
  /** Every sample, in dataset order (the unsharded run's order), every field of its line kept. */
  records: SampleRecord[];
  /** The merged run's results.json: aggregates over every sample, each shard's placement and environment listed. */
  results: Results;
  /** Whether the sample ids were checked against the dataset itself, not only against the shard sizes. */
  checkedAgainstDataset: boolean;
}

/**
 * Checks that `runs` are all N shards of one run (same dataset, model, task, tool, metric
 * versions, renderer, scoring dependencies and `--limit`; each index once; each shard as large as
 * its index implies) and joins them: samples.jsonl's lines in dataset order, as the unsharded run
 * writes them. With `dataset` (the shards' own, by fingerprint) the ids are also checked against
 * the selection the unsharded run would make. Throws {@link MergeError} naming the runs and what differs.
 */
export function planMerge(runs: readonly LoadedRun[], options: { dataset?: Dataset } = {}): MergedRun {
  if (runs.length === 0) throw new MergeError("no runs to merge");
  const shards = runs.map((run) => {
    const shard = run.results.selection?.shard;
    if (!shard) throw new MergeError(`${run.dir}: not a shard run (made without --shard i/N); merge joins the runs of run --shard i/N`);
    return { ...run, shard: { index: shard.index, count: shard.count } };
  });
  const first = shards[0]!;
  const count = first.shard.count;
  for (const other of shards) {
    if (other.shard.count !== count) {
      throw new MergeError(
        `cannot merge ${first.dir} (shard ${label(first.shard)}) and ${other.dir} (shard ${label(other.shard)}): shards of different splits`,
      );
    }
  }
  const byIndex = new Map<number, (typeof shards)[number]>();
  for (const run of shards) {
    const twin = byIndex.get(run.shard.index);
    if (twin?.dir === run.dir) throw new MergeError(`cannot merge: ${run.dir} (shard ${label(run.shard)}) is given twice`);
    if (twin) throw new MergeError(`cannot merge: ${twin.dir} and ${run.dir} are both shard ${label(run.shard)}`);
    byIndex.set(run.shard.index, run);
  }
  const ordered = [...byIndex.values()].sort((a, b) => a.shard.index - b.shard.index);
  const reference = ordered[0]!;
  for (const run of ordered.slice(1)) compareShards(reference, run);

  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length) {
    const given = ordered.map((run) => `${label(run.shard)} ${run.dir}`).join(", ");
    throw new MergeError(
      `cannot merge: shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${count}`).join(", ")} missing (given ${given})`,
    );
  }

  const total = ordered.reduce((sum, run) => sum + run.records.length, 0);
  const limit = reference.results.selection?.limit;
  if (limit !== undefined && total > limit) {
    throw new MergeError(
      `cannot merge: the shards hold ${total} samples, more than their --limit ${limit} (${ordered.map((r) => r.dir).join(", ")})`,
    );
  }
  for (const run of ordered) {
    const expected = shardSize(total, run.shard);
    if (run.records.length !== expected) {
      throw new MergeError(
        `cannot merge: ${run.dir} (shard ${label(run.shard)}) holds ${run.records.length} samples, but shard ${run.shard.index} of a ${total}-sample run split in ${count} holds ${expected}`,
      );
    }
  }

  const records = new Array<SampleRecord>(total);
  const seen = new Map<string, string>();
  for (const run of ordered) {
    run.records.forEach((record, j) => {
      const earlier = seen.get(record.id);
      if (earlier !== undefined) throw new MergeError(`cannot merge: sample "${record.id}" is in both ${earlier} and ${run.dir}`);
      seen.set(record.id, run.dir);
      records[positionInRun(run.shard, j)] = record;
    });
  }

  const dataset = options.dataset;
  if (dataset) checkAgainstDataset(dataset, reference, records, limit);

  const { samples: _samples, ...datasetRecord } = reference.results.dataset;
  const provenance: MergedShard[] = ordered.map((run) => ({
    index: run.shard.index,
    count: run.shard.count,
    run: run.dir,
    createdAt: run.results.createdAt,
    samples: run.records.length,
    totalMs: run.results.timing.totalMs,
    placement: run.results.model.placement,
    environment: run.results.environment,
  }));
  // Rebuilt from the merged records by the same code as a run's, so aggregates, failures and
  // generation totals are over every sample; `selection` keeps `--limit` only (the shard is gone).
  const results = buildResults({
    tool: reference.results.tool,
    createdAt: new Date(Math.min(...ordered.map((run) => Date.parse(run.results.createdAt)))),
    task: reference.results.task,
    ...(reference.results.interactionPrompt ? { interactionPrompt: reference.results.interactionPrompt } : {}),
    model: reference.results.model,
    dataset: dataset ? { ...datasetRecord, root: dataset.root } : datasetRecord,
    records,
    ...(reference.results.viewports ? { viewports: scoredViewports(reference.results) } : {}),
    metrics: reference.results.metrics,
    ...(reference.results.absentMetrics ? { absentMetrics: reference.results.absentMetrics } : {}),
    // What the judge used and how far it can be trusted, over every shard's samples.
    ...(reference.results.judge ? { judge: judgeSummary(withoutTotals(reference.results.judge), records) } : {}),
    ...(limit === undefined ? {} : { selection: { limit } }),
    environment: reference.results.environment,
    totalMs: ordered.reduce((sum, run) => sum + run.results.timing.totalMs, 0),
    merged: provenance,
  });
  return { shards: ordered, records, results, checkedAgainstDataset: dataset !== undefined };
}

/** How many samples shard `index` of `count` takes from `total` selected ones (round robin). */
export function shardSize(total: number, shard: Shard): number {
  return total >= shard.index ? Math.floor((total - shard.index) / shard.count) + 1 : 0;
}

/** The first thing that differs between two shards (other than the shard itself and where they ran), as a MergeError. */
function compareShards(a: LoadedRun, b: LoadedRun): void {
  const checks: Array<[what: string, value: (results: Results) => unknown]> = [
    ["results schema version", (r) => r.schemaVersion],
    ["tool", (r) => r.tool],
    ["dataset (fingerprint)", (r) => r.dataset.fingerprint],
    ["task", (r) => r.task],
    // The id first: shards of two models say so, not which detail of theirs sorts first.
    ["model", (r) => ({ id: r.model.id })],
    ["model", (r) => modelIdentity(r.model)],
    ["metrics (versions)", (r) => r.metrics],
    ["judge", (r) => (r.judge ? judgeIdentity(r.judge) : null)],
    ["--limit", (r) => r.selection?.limit ?? null],
    ["renderer (fingerprint)", (r) => r.environment.renderer?.fingerprint ?? null],
    ["scoring dependencies", (r) => r.environment.dependencies ?? null],
  ];
  for (const [what, value] of checks) {
    const difference = firstDifference(value(a.results), value(b.results));
    if (difference) {
      const where = difference.path ? `${difference.path}: ` : "";
      throw new MergeError(
        `cannot merge ${a.dir} and ${b.dir}: different ${what} (${where}${showJson(difference.a)} vs ${showJson(difference.b)})`,
      );
    }
  }
}

function checkAgainstDataset(dataset: Dataset, reference: LoadedRun, records: readonly SampleRecord[], limit: number | undefined): void {
  if (dataset.fingerprint !== reference.results.dataset.fingerprint) {
    throw new MergeError(
      `dataset ${dataset.root} has fingerprint ${dataset.fingerprint}, the shards ${reference.results.dataset.fingerprint}`,
    );
  }
  const expected = selectSamples(dataset.samples, { limit }).map((sample) => sample.id);
  const selection = limit === undefined ? `all ${expected.length} samples` : `the first ${expected.length} samples (--limit ${limit})`;
  if (records.length !== expected.length) {
    throw new MergeError(`cannot merge: the shards hold ${records.length} samples, but ${selection} of ${dataset.root} were selected`);
  }
  const at = records.findIndex((record, i) => record.id !== expected[i]);
  if (at >= 0) {
    throw new MergeError(
      `cannot merge: sample ${at + 1} of the shards is "${records[at]!.id}", but of ${selection} of ${dataset.root} it is "${expected[at]}"`,
    );
  }
}

/** Refuses an --out that is one of the shard runs: writing there would delete what is being merged. */
export function checkMergeOutput(out: string, runs: readonly { dir: string }[]): void {
  const target = canonical(out);
  const clash = runs.find((run) => canonical(run.dir) === target);
  if (clash) throw new MergeError(`${resolve(out)}: is the shard run ${clash.dir}; give merge another --out`);
}

/**
 * Writes the merged run: predictions and both pages' renders copied from the shards (each file through a
 * temporary name and a rename; copy-on-write clones where the file system has them), then
 * samples.jsonl and summary.md, then results.json last: a reader never finds results.json beside
 * a half-copied run.
 */
export function writeMergedRun(merged: MergedRun, outDir: string): string {
  // Its run.json names the merge, so that `run --out` there refuses to continue it as a run of its own.
  const { results } = merged;
  const identity = {
    merged: { model: results.model.id, dataset: results.dataset.fingerprint, shards: merged.shards.map((run) => run.dir) },
  };
  const dir = RunDirectory.create(outDir, identity);
  const kinds = Object.keys(SAMPLE_FILES) as SampleFileKind[];
  // The run's own viewport's files, then those of each viewport after it (`--viewports`).
  const viewports = [
    undefined,
    ...scoredViewports(results)
      .slice(1)
      .map((viewport) => viewport.name),
  ];
  for (const run of merged.shards) {
    for (const record of run.records) {
      for (const viewport of viewports) {
        for (const kind of kinds)
          copyAtomic(sampleFile(run.dir, kind, record.id, viewport), sampleFile(dir.path, kind, record.id, viewport));
        for (const { index } of record.interactions ?? [])
          copyAtomic(stateFile(run.dir, record.id, index, viewport), stateFile(dir.path, record.id, index, viewport));
      }
    }
  }
  writeSampleLines(dir.samplesFile, merged.records);
  writeFileAtomic(join(dir.path, RUN_FILES.summary), summaryMarkdown(results, merged.records));
  writeResults(join(dir.path, RUN_FILES.results), results);
  return dir.path;
}

/**
 * A copy, not a hard link: a shard folder that is later re-run or resumed rewrites its files in
 * place, and a link would change the merged run with it. A failed sample may have no file.
 */
function copyAtomic(from: string, to: string): void {
  if (!existsSync(from)) return;
  const temporary = `${to}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, temporary, constants.COPYFILE_FICLONE);
    renameSync(temporary, to);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function label(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

function withoutTotals({ usage: _usage, agreement: _agreement, ...described }: NonNullable<Results["judge"]>): JudgeDescription {
  return described;
}
