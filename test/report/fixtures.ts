import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { buildResults, LEADERBOARD_SCHEMA_PATH, type LoadedRun, type Results, type SampleRecordData } from "../../src/report/index.js";
import { CONTRACT_METRIC_IDS } from "../helpers/contract.js";

const stats = { pred: null, ref: { dom_depth: 3, tag_count: 4, unique_tags: 4 } };

/** A record with every metric at `value` (or failed, with null metrics). */
export function record(id: string, value: number | null, status = value === null ? "render_error" : "ok"): SampleRecordData {
  const metrics = Object.fromEntries(CONTRACT_METRIC_IDS.map((id) => [id, value]));
  return { id, status, ...(status === "ok" ? {} : { error: "boom" }), metrics, stats, ms: { total: 10 } };
}

export function results(model: string, records: SampleRecordData[]) {
  return buildResults({
    tool: { name: "web2code-eval", version: "0.0.0-test" },
    createdAt: new Date("2026-01-02T03:04:05Z"),
    task: "image2html",
    model: { id: model },
    dataset: { id: "fixture", version: "1", fingerprint: "sha256:0123456789abcdef0123456789abcdef" },
    records,
    environment: { node: "v20", chrome: "Chrome/1" },
    totalMs: 2000,
  });
}

/** Writes a finished run folder (results.json and samples.jsonl) as the runner leaves it; returns the folder. */
export function writeRunDir(dir: string, runResults: Results, records: readonly SampleRecordData[]): string {
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
export function recordWith(id: string, values: Record<string, number>, rest = 0.5): SampleRecordData {
  return { ...record(id, rest), metrics: Object.fromEntries(CONTRACT_METRIC_IDS.map((metric) => [metric, values[metric] ?? rest])) };
}

/** A finished run as readRun returns it, optionally on another dataset fingerprint. */
export function loadedRun(model: string, records: SampleRecordData[], fingerprint?: string): LoadedRun {
  const built = results(model, records);
  return { dir: `/runs/${model}`, results: { ...built, dataset: { ...built.dataset, fingerprint: fingerprint ?? built.dataset.fingerprint } }, records };
}
