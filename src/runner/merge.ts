import { constants, copyFileSync, existsSync, readFileSync, realpathSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Dataset } from "../datasets/index.js";
import { RunDirectory } from "./run-dir.js";
import { parseSampleLines } from "./sample-lines.js";
import { positionInRun, selectSamples, type Shard } from "./select.js";

/** Shard runs that cannot be joined into one run: bad input, exit 2, nothing written. */
export class MergeError extends Error {}

/** One line of a shard's samples.jsonl, every field kept (the merged file holds the same lines). */
export type MergeRecord = { id: string } & Record<string, unknown>;

/** What the merge reads of a shard's results.json (structural: report's Results fits it). */
export interface ShardResults {
  schemaVersion: number;
  tool: { name: string; version: string };
  createdAt: string;
  task: string;
  model: { id: string; [key: string]: unknown };
  dataset: { id: string; fingerprint: string; [key: string]: unknown };
  metrics: Record<string, unknown>;
  selection?: { limit?: number; shard?: { index: number; count: number } };
  environment: { [key: string]: unknown };
  timing: { totalMs: number; [key: string]: unknown };
}

/** A finished shard run: its folder, results.json and the lines of samples.jsonl in file order. */
export interface ShardRun {
  dir: string;
  results: ShardResults;
  records: readonly MergeRecord[];
}

/**
 * Fields of `results.model` that say where or how a shard ran, not what produced its output:
 * they may differ between shards and are not compared. Everything else in `model` (id, kind,
 * spec, profile with its template hash, sampling, served model name, backend, llama.cpp build,
 * runtime version, the weights' sha256) must be equal. Besides these, a spec's location part is
 * left out of the comparison: an `openai:` spec's base URL, and a `llama-server:`/`llama:` spec's
 * GGUF path when the weights' sha256 is recorded (the hash is compared instead).
 */
export const MODEL_FIELDS_NOT_COMPARED = [
  // openai: which endpoint served the shard (several replicas of one model each serve a shard)
  "baseUrl",
  // llama-server: where the binary was found, its log file, its slots (follow --concurrency)
  "server.binary",
  "server.from",
  "server.log",
  "server.slots",
  // node-llama-cpp: its log file, threads, sequences (follow --concurrency), context size and GPU backend of the machine
  "runtime.log",
  "runtime.threads",
  "runtime.sequences",
  "runtime.contextSize",
  "runtime.gpu",
  // where the weight files are on each machine (their sha256 is compared)
  "weights.path",
  "weights.mmproj",
] as const;

/** One shard as the merged results.json records it. */
export interface MergedShard {
  index: number;
  count: number;
  run: string;
  createdAt: string;
  samples: number;
  totalMs: number;
  /** The shard's own values of {@link MODEL_FIELDS_NOT_COMPARED}. */
  model: Record<string, unknown>;
  environment: Record<string, unknown>;
}

/** Shard runs checked and joined: what the merged run's results.json, samples.jsonl and files come from. */
export interface MergedRun {
  /** The shards, by index. */
  shards: Array<ShardRun & { shard: Shard }>;
  /** Every sample, in dataset order (the unsharded run's order). */
  records: MergeRecord[];
  /** `--limit` the shards were made with, if any (the merged run keeps it; the shard is gone). */
  limit?: number;
  /** The earliest shard's start. */
  createdAt: Date;
  /** The sum of the shards' totalMs: machine time, not wall time. */
  totalMs: number;
  tool: { name: string; version: string };
  task: string;
  /** Shard 1's model record (its not-compared fields are listed per shard in `provenance`). */
  model: { id: string; [key: string]: unknown };
  /** Shard 1's dataset record without its sample counts; `root` is the local dataset's when one was checked. */
  dataset: { id: string; fingerprint: string; [key: string]: unknown };
  /** Shard 1's environment (every shard's is in `provenance`). */
  environment: { [key: string]: unknown };
  provenance: MergedShard[];
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
export function planMerge(runs: readonly ShardRun[], options: { dataset?: Dataset } = {}): MergedRun {
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

  const records: MergeRecord[] = new Array<MergeRecord>(total);
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
  return {
    shards: ordered,
    records,
    ...(limit === undefined ? {} : { limit }),
    createdAt: new Date(Math.min(...ordered.map((run) => Date.parse(run.results.createdAt)))),
    totalMs: ordered.reduce((sum, run) => sum + run.results.timing.totalMs, 0),
    tool: reference.results.tool,
    task: reference.results.task,
    model: reference.results.model,
    dataset: dataset ? { ...datasetRecord, root: dataset.root } : datasetRecord,
    environment: reference.results.environment,
    provenance: ordered.map((run) => ({
      index: run.shard.index,
      count: run.shard.count,
      run: run.dir,
      createdAt: run.results.createdAt,
      samples: run.records.length,
      totalMs: run.results.timing.totalMs,
      model: pick(run.results.model, MODEL_FIELDS_NOT_COMPARED),
      environment: run.results.environment,
    })),
    checkedAgainstDataset: dataset !== undefined,
  };
}

/** How many samples shard `index` of `count` takes from `total` selected ones (round robin). */
export function shardSize(total: number, shard: Shard): number {
  return total >= shard.index ? Math.floor((total - shard.index) / shard.count) + 1 : 0;
}

/** The first thing that differs between two shards (other than the shard itself), as a MergeError. */
function compareShards(a: ShardRun, b: ShardRun): void {
  const checks: Array<[what: string, value: (results: ShardResults) => unknown]> = [
    ["results schema version", (r) => r.schemaVersion],
    ["tool", (r) => r.tool],
    ["dataset (fingerprint)", (r) => r.dataset.fingerprint],
    ["task", (r) => r.task],
    // The id first: shards of two models say so, not which detail of theirs sorts first.
    ["model", (r) => ({ id: r.model.id })],
    ["model", (r) => modelIdentity(r.model)],
    ["metrics (versions)", (r) => r.metrics],
    ["--limit", (r) => r.selection?.limit ?? null],
    ["renderer (fingerprint)", (r) => renderer(r.environment)?.fingerprint ?? null],
    ["scoring dependencies", (r) => r.environment.dependencies ?? null],
  ];
  for (const [what, value] of checks) {
    const difference = firstDifference(value(a.results), value(b.results));
    if (difference) {
      const where = difference.path ? `${difference.path}: ` : "";
      throw new MergeError(
        `cannot merge ${a.dir} and ${b.dir}: different ${what} (${where}${show(difference.a)} vs ${show(difference.b)})`,
      );
    }
  }
}

/** The model record as compared: without {@link MODEL_FIELDS_NOT_COMPARED} and the spec's location part. */
export function modelIdentity(model: ShardResults["model"]): Record<string, unknown> {
  const identity = structuredClone(model) as Record<string, unknown>;
  for (const path of MODEL_FIELDS_NOT_COMPARED) removePath(identity, path);
  if (typeof model.spec === "string") identity.spec = specIdentity(model, model.spec);
  return identity;
}

function specIdentity(model: ShardResults["model"], spec: string): string {
  const weights = model.weights as { path?: unknown; sha256?: unknown } | undefined;
  if (model.kind === "openai" && typeof model.model === "string" && typeof model.baseUrl === "string") {
    const located = `openai:${model.model}@${model.baseUrl}`;
    if (spec.startsWith(located)) return `openai:${model.model}@<base URL>${spec.slice(located.length)}`;
  }
  if (
    (model.kind === "llama-server" || model.kind === "llama") &&
    typeof weights?.path === "string" &&
    typeof weights.sha256 === "string"
  ) {
    const located = `${model.kind}:${weights.path}`;
    if (spec.startsWith(located)) return `${model.kind}:<weights sha256>${spec.slice(located.length)}`;
  }
  return spec;
}

function checkAgainstDataset(dataset: Dataset, reference: ShardRun, records: readonly MergeRecord[], limit: number | undefined): void {
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

/** The lines of a run's samples.jsonl, every field kept, in file order. */
export function readSampleLines(dir: string): MergeRecord[] {
  const file = join(dir, "samples.jsonl");
  return parseSampleLines<MergeRecord>(readFileSync(file, "utf8"), (line, problem) => {
    throw new MergeError(`${file}:${line}: ${problem}`);
  });
}

/** Refuses an --out that is one of the shard runs: writing there would delete what is being merged. */
export function checkMergeOutput(out: string, runs: readonly { dir: string }[]): void {
  const target = canonical(out);
  const clash = runs.find((run) => canonical(run.dir) === target);
  if (clash) throw new MergeError(`${resolve(out)}: is the shard run ${clash.dir}; give merge another --out`);
}

/**
 * Writes the merged run: predictions and renders copied from the shards (each file through a
 * temporary name and a rename; copy-on-write clones where the file system has them), then
 * samples.jsonl, then `files` (summary.md, and results.json last: a reader never finds
 * results.json beside a half-copied run).
 */
export function writeMergedRun(merged: MergedRun, outDir: string, files: ReadonlyArray<readonly [name: string, content: string]>): string {
  // Its run.json names the merge, so that `run --out` there refuses to continue it as a run of its own.
  const identity = { merged: { model: merged.model.id, dataset: merged.dataset.fingerprint, shards: merged.shards.map((run) => run.dir) } };
  const dir = RunDirectory.create(outDir, identity);
  for (const run of merged.shards) {
    for (const record of run.records) {
      copyAtomic(join(run.dir, "predictions", `${record.id}.html`), join(dir.path, "predictions", `${record.id}.html`));
      copyAtomic(join(run.dir, "renders", `${record.id}.png`), join(dir.path, "renders", `${record.id}.png`));
    }
  }
  dir.writeAtomic("samples.jsonl", merged.records.map((record) => `${JSON.stringify(record)}\n`).join(""));
  for (const [name, content] of files) dir.writeAtomic(name, content);
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

function renderer(environment: ShardResults["environment"]): { fingerprint?: unknown } | undefined {
  const value = environment.renderer;
  return value && typeof value === "object" ? (value as { fingerprint?: unknown }) : undefined;
}

function pick(object: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const path of paths) {
    const value = getPath(object, path);
    if (value !== undefined) setPath(picked, path, value);
  }
  return picked;
}

function getPath(object: Record<string, unknown>, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), object);
}

function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let at = object;
  for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[keys.at(-1)!] = value;
}

function removePath(object: Record<string, unknown>, path: string): void {
  const keys = path.split(".");
  const parent = getPath(object, keys.slice(0, -1).join("."));
  const holder = keys.length === 1 ? object : parent;
  if (holder && typeof holder === "object") delete (holder as Record<string, unknown>)[keys.at(-1)!];
}

interface Difference {
  path: string;
  a: unknown;
  b: unknown;
}

/** The first place two JSON values differ (object keys in sorted order), or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ""): Difference | undefined {
  if (Object.is(a, b)) return undefined;
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object";
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return { path, a, b };
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length)
    return { path: path ? `${path}.length` : "length", a: a.length, b: b.length };
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const found = firstDifference(a[key], b[key], path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

function show(value: unknown): string {
  const text = value === undefined ? "absent" : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
