import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { z } from "zod";
import { ResultsSchema, SampleRecordSchema, type Results, type SampleRecordData } from "./results-schema.js";

/** A finished run that cannot be read: bad input, exit 2, with the file and the problem. */
export class RunInputError extends Error {}

/** A finished run as readers see it: its folder, results.json and the records of samples.jsonl. */
export interface LoadedRun {
  dir: string;
  results: Results;
  records: SampleRecordData[];
}

/** Reads a run given as its folder or its results.json; every problem names the file. */
export function readRun(path: string): LoadedRun {
  const target = resolve(path);
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new RunInputError(`${target}: no such run folder or results.json`);
  const dir = stat.isDirectory() ? target : dirname(target);
  const resultsFile = stat.isDirectory() ? join(dir, "results.json") : target;
  if (!stat.isDirectory() && basename(target) !== "results.json")
    throw new RunInputError(`${target}: expected a run folder or its results.json`);
  if (!existsSync(resultsFile)) throw new RunInputError(`${dir}: no results.json (not a finished run)`);
  const results = parseWith(ResultsSchema, readJson(resultsFile), resultsFile);
  const samplesFile = join(dir, "samples.jsonl");
  if (!existsSync(samplesFile)) throw new RunInputError(`${samplesFile}: missing`);
  const records = readFileSync(samplesFile, "utf8")
    .split("\n")
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim() !== "")
    .map(({ line, index }) => parseWith(SampleRecordSchema, parseJson(line, `${samplesFile}:${index + 1}`), `${samplesFile}:${index + 1}`));
  if (records.length !== results.dataset.samples.total) {
    throw new RunInputError(`${samplesFile}: ${records.length} samples, but results.json counts ${results.dataset.samples.total}`);
  }
  return { dir, results, records };
}

function readJson(file: string): unknown {
  return parseJson(readFileSync(file, "utf8"), file);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RunInputError(`${where}: not valid JSON (${(error as Error).message})`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new RunInputError(`${where}: ${issue.path.length ? `field ${issue.path.map(String).join(".")}: ` : ""}${issue.message}`);
}
