import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { RunInputError } from "./errors.js";
import { readResults, readSampleLines, RUN_FILES } from "./run-files.js";
import type { Results, SampleRecord } from "./schema.js";

/** A finished run as readers see it: its folder, results.json and the records of samples.jsonl. */
export interface LoadedRun {
  dir: string;
  results: Results;
  records: SampleRecord[];
}

/** Reads a finished run given as its folder or its results.json; every problem names the file. */
export function readRun(path: string): LoadedRun {
  const target = resolve(path);
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new RunInputError(`${target}: no such run folder or results.json`);
  const dir = stat.isDirectory() ? target : dirname(target);
  const resultsFile = stat.isDirectory() ? join(dir, RUN_FILES.results) : target;
  if (!stat.isDirectory() && basename(target) !== RUN_FILES.results)
    throw new RunInputError(`${target}: expected a run folder or its results.json`);
  if (!existsSync(resultsFile)) throw new RunInputError(`${dir}: no results.json (not a finished run)`);
  const results = readResults(resultsFile);
  const samplesFile = join(dir, RUN_FILES.samples);
  if (!existsSync(samplesFile)) throw new RunInputError(`${samplesFile}: missing`);
  const records = readSampleLines(samplesFile);
  if (records.length !== results.dataset.samples.total) {
    throw new RunInputError(`${samplesFile}: ${records.length} samples, but results.json counts ${results.dataset.samples.total}`);
  }
  return { dir, results, records };
}
