import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { LEADERBOARD_SCHEMA_PATH } from "../../src/report/index.js";
import { METRICS, metricsMetadata } from "../../src/metrics/index.js";
import {
  buildResults,
  type LoadedRun,
  type ResultsInput,
  type Results,
  type SampleRecord,
  type SampleStatus,
} from "../../src/results/index.js";

/**
 * The metrics of the fixture runs: the first seven of the contract, so that the hand-checked
 * reports and comparisons over them (means over "every metric") stay what they were written for.
 */
export const FIXTURE_METRIC_IDS = [
  "pixel_similarity",
  "dom_depth_similarity",
  "tag_count_similarity",
  "unique_tags_similarity",
  "tag_histogram_similarity",
  "tree_bleu",
  "text_similarity",
];
const FIXTURE_METRICS = metricsMetadata(METRICS.filter((metric) => FIXTURE_METRIC_IDS.includes(metric.id)));

const stats = { pred: null, ref: { dom_depth: 3, tag_count: 4, unique_tags: 4 } };

/** A record with every metric at `value` (or failed, with null metrics). */
export function record(id: string, value: number | null, status: SampleStatus = value === null ? "render_error" : "ok"): SampleRecord {
  const metrics = Object.fromEntries(FIXTURE_METRIC_IDS.map((id) => [id, value]));
  return {
    id,
    status,
    ...(status === "ok" ? {} : { error: "boom" }),
    metrics,
    stats,
    generation: { truncated: false },
    ms: { generate: 0, render: 0, decode: 0, metrics: {}, total: 10 },
  };
}

/** A fixture run's results.json; `input` replaces what it names (another task, its metrics, its dataset). */
export function results(model: string, records: SampleRecord[], input: Partial<ResultsInput> = {}) {
  return buildResults({
    metrics: FIXTURE_METRICS,
    tool: { name: "web2code-eval", version: "0.0.0-test" },
    createdAt: new Date("2026-01-02T03:04:05Z"),
    task: "image2html",
    model: { id: model, kind: "fixture", spec: model, placement: {} },
    dataset: { id: "fixture", version: "1", fingerprint: "sha256:0123456789abcdef0123456789abcdef" },
    records,
    environment: { node: "v20", chrome: "Chrome/1" },
    totalMs: 2000,
    ...input,
  });
}

/** Writes a finished run folder (results.json and samples.jsonl) as the runner leaves it; returns the folder. */
export function writeRunDir(dir: string, runResults: Results, records: readonly SampleRecord[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "results.json"), `${JSON.stringify(runResults, null, 2)}\n`);
  writeFileSync(join(dir, "samples.jsonl"), records.map((r) => `${JSON.stringify(r)}\n`).join(""));
  return dir;
}

/** A validator for the leaderboard JSON Schema the package ships (draft 2020-12, strict, formats checked). */
export function leaderboardValidator(): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // ajv-formats is CommonJS: under NodeNext its plugin is the default export's `default`.
  ajvFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(LEADERBOARD_SCHEMA_PATH, "utf8")) as object);
}

/** An ok record whose named metrics have their own values; every other metric scores `rest`. */
export function recordWith(id: string, values: Record<string, number>, rest = 0.5): SampleRecord {
  return { ...record(id, rest), metrics: Object.fromEntries(FIXTURE_METRIC_IDS.map((metric) => [metric, values[metric] ?? rest])) };
}

/** A finished run as readRun returns it, optionally on another dataset fingerprint. */
export function loadedRun(model: string, records: SampleRecord[], fingerprint?: string): LoadedRun {
  const built = results(model, records);
  return {
    dir: `/runs/${model}`,
    results: { ...built, dataset: { ...built.dataset, fingerprint: fingerprint ?? built.dataset.fingerprint } },
    records,
  };
}

export interface ShardRunOptions {
  /** `--shard i/N`; leave out for a run made without --shard. */
  shard?: { index: number; count: number };
  limit?: number;
  /** Merged over the fixture model `{ id }`. */
  model?: Record<string, unknown>;
  /** Merged over the fixture environment. */
  environment?: Record<string, unknown>;
  fingerprint?: string;
  task?: string;
  toolVersion?: string;
  createdAt?: string;
  totalMs?: number;
}

/**
 * Writes a finished run as `run --shard i/N` leaves it (results.json with its selection,
 * samples.jsonl, predictions/<id>.html, renders/<id>.png and reference-renders/<id>.png for ok
 * samples); returns the folder.
 */
export function writeShardRun(dir: string, records: readonly SampleRecord[], options: ShardRunOptions = {}): string {
  const selection = options.shard || options.limit !== undefined ? { selection: { limit: options.limit, shard: options.shard } } : {};
  const built = buildResults({
    metrics: FIXTURE_METRICS,
    tool: { name: "web2code-eval", version: options.toolVersion ?? "0.0.0-test" },
    createdAt: new Date(options.createdAt ?? "2026-01-02T03:04:05Z"),
    task: options.task ?? "image2html",
    model: { id: "fixture-model", kind: "boxes", spec: "boxes", sampling: {}, placement: {}, ...options.model },
    dataset: {
      id: "fixture",
      version: "1",
      fingerprint: options.fingerprint ?? "sha256:0123456789abcdef0123456789abcdef",
      root: "/nowhere/fixture",
    },
    records,
    ...selection,
    environment: {
      node: "v20",
      chrome: "Chrome/1",
      renderer: { fingerprint: "renderer-1", executable: "/usr/bin/chromium", concurrency: 2 },
      dependencies: { pixelmatch: "7.2.0" },
      ...options.environment,
    },
    totalMs: options.totalMs ?? 2000,
  });
  writeRunDir(dir, JSON.parse(JSON.stringify(built)) as Results, records);
  for (const folder of ["predictions", "renders", "reference-renders"]) mkdirSync(join(dir, folder), { recursive: true });
  for (const r of records.filter((r) => r.status === "ok")) {
    writeFileSync(join(dir, "predictions", `${r.id}.html`), `<p>${r.id}</p>`);
    writeFileSync(join(dir, "renders", `${r.id}.png`), `png of ${r.id}`);
    writeFileSync(join(dir, "reference-renders", `${r.id}.png`), `reference png of ${r.id}`);
  }
  return dir;
}
