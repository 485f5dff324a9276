import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fsReason, parseJson, parseWith, writeFileAtomic, type BadInputClass } from "../shared/index.js";
import { RunInputError } from "./errors.js";
import { modelIdentity } from "./model-identity.js";
import {
  ModelRecordSchema,
  RESULTS_SCHEMA_VERSION,
  ResultsSchema,
  RunStateSchema,
  SampleRecordSchema,
  type Results,
  type RunIdentity,
  type RunState,
  type SampleRecord,
} from "./schema.js";
import { upgradeModelV1, upgradeResultsV1 } from "./upgrade-v1.js";

/** The files of a run folder (docs/contract.md, "A run directory"), besides the per-sample folders below and logs/. */
export const RUN_FILES = { results: "results.json", samples: "samples.jsonl", state: "run.json", summary: "summary.md" } as const;

/**
 * The folders of a run that hold one file per sample, `<folder>/<sample id>.<extension>`: what
 * resume makes, merge copies and the report reads. A failed sample may lack any of them, and runs
 * written before reference renders were kept have none (the report says so on their cards).
 */
export const SAMPLE_FILES = {
  /** The HTML extracted from the model's reply. */
  prediction: { folder: "predictions", extension: "html" },
  /** The prediction's render, as scored. */
  render: { folder: "renders", extension: "png" },
  /** The reference page's render, as scored: the other side of every comparison of pixels and blocks. */
  referenceRender: { folder: "reference-renders", extension: "png" },
} as const;
export type SampleFileKind = keyof typeof SAMPLE_FILES;

/**
 * `--viewports`: the renders and states of each viewport after the run's own, in a folder of the
 * same form as the run folder's, `viewports/<viewport>/renders/<sample id>.png` and so on.
 */
export const VIEWPORTS_FOLDER = "viewports";

/** The folder that holds a viewport's files: the run folder itself for the run's own viewport. */
function viewportDir(runDir: string, viewport?: string): string {
  return viewport === undefined ? runDir : join(runDir, VIEWPORTS_FOLDER, viewport);
}

/** Where a run folder keeps a sample's file of the given kind (at a viewport of `--viewports` after the first). */
export function sampleFile(runDir: string, kind: SampleFileKind, sampleId: string, viewport?: string): string {
  const { folder, extension } = SAMPLE_FILES[kind];
  return join(viewportDir(runDir, viewport), folder, `${sampleId}.${extension}`);
}

/** Task `interaction`: the generated page after each interaction, `states/<sample id>/<N>.png`. */
export const STATES_FOLDER = "states";

/** Where a run folder keeps the generated page's state after interaction N of a sample (at a viewport after the first). */
export function stateFile(runDir: string, sampleId: string, index: number, viewport?: string): string {
  return join(viewportDir(runDir, viewport), STATES_FOLDER, sampleId, `${index}.png`);
}

/** run.json's own version: 2 stores the model's identity alone (1, unversioned, its whole description). */
const RUN_STATE_VERSION = 2;

function readText(file: string, Bad: BadInputClass): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Bad(`${file}: cannot read (${fsReason(error)})`);
  }
}

/** A results.json, checked; version 1 files come back in the current shape. */
export function readResults(file: string, Bad: BadInputClass = RunInputError): Results {
  const json = parseJson(readText(file, Bad), file, Bad);
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === "number" && version > RESULTS_SCHEMA_VERSION) {
    throw new Bad(
      `${file}: results schema version ${version} is newer than this tool reads (${RESULTS_SCHEMA_VERSION}); update web2code-eval`,
    );
  }
  const current = version === 1 ? upgradeResultsV1(json as Record<string, unknown>) : json;
  return parseWith(ResultsSchema, current, file, Bad);
}

export function writeResults(file: string, results: Results): void {
  writeFileAtomic(file, `${JSON.stringify(results, null, 2)}\n`);
}

/**
 * The records of samples.jsonl text, in file order, each line checked; blank lines are skipped.
 * A bad line is reported as `file:line: problem`.
 */
export function parseSampleLines(text: string, file: string, Bad: BadInputClass = RunInputError): SampleRecord[] {
  return text.split("\n").flatMap((line, index): SampleRecord[] => {
    if (line.trim() === "") return [];
    const where = `${file}:${index + 1}`;
    return [parseWith(SampleRecordSchema, parseJson(line, where, Bad), where, Bad)];
  });
}

export function readSampleLines(file: string, Bad: BadInputClass = RunInputError): SampleRecord[] {
  return parseSampleLines(readText(file, Bad), file, Bad);
}

function sampleLine(record: SampleRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** On disk before the sample is counted: a killed run loses nothing that finished. */
export function appendSampleLine(file: string, record: SampleRecord): void {
  appendFileSync(file, sampleLine(record));
}

export function writeSampleLines(file: string, records: readonly SampleRecord[]): void {
  writeFileAtomic(file, records.map(sampleLine).join(""));
}

/** run.json; one written by version 1 comes back with its model in the current identity form. */
export function readRunState(file: string, Bad: BadInputClass): RunState {
  const json = parseJson(readText(file, Bad), file, Bad) as { version?: unknown; identity?: { model?: unknown } } | null;
  const model = json?.identity?.model;
  if (json && json.version === undefined && model && typeof model === "object") {
    const upgraded = upgradeModelV1(model as Record<string, unknown>);
    const parsed = ModelRecordSchema.safeParse(upgraded);
    json.identity = { ...json.identity, model: parsed.success ? modelIdentity(parsed.data) : upgraded };
  }
  return parseWith(RunStateSchema, json, file, Bad);
}

export function writeRunState(file: string, identity: RunIdentity, startedAt: Date): void {
  writeFileAtomic(file, `${JSON.stringify({ version: RUN_STATE_VERSION, identity, startedAt: startedAt.toISOString() }, null, 2)}\n`);
}
