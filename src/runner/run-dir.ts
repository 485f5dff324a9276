import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  appendSampleLine,
  parseSampleLines,
  readRunState,
  readSampleLines,
  RUN_FILES,
  SAMPLE_FILES,
  sampleFile,
  stateFile,
  STATES_FOLDER,
  VIEWPORTS_FOLDER,
  writeRunState,
  writeSampleLines,
  type RunIdentity,
  type SampleRecord,
  type SampleStatus,
} from "../results/index.js";
import {
  BadInputError,
  checkWritable,
  firstDifference,
  fsReason,
  PROBE_PREFIX,
  showJson,
  statOrNull,
  writeFileAtomic,
} from "../shared/index.js";

/** An output folder that cannot be used: exit 2, before anything is written. */
export class RunDirError extends BadInputError {}

const RUN_MARKERS = [RUN_FILES.results, RUN_FILES.samples, "comparison.md", RUN_FILES.state];
/** Where model runtimes write their logs, inside a run folder. */
const LOGS = "logs";
/** The folders a run writes into as its samples finish. */
const FOLDERS = [...Object.values(SAMPLE_FILES).map((kind) => kind.folder), STATES_FOLDER, LOGS];
/** Everything a run writes, model runtime logs included: removed before a run starts over. */
const RUN_PARTS = [
  RUN_FILES.state,
  RUN_FILES.samples,
  RUN_FILES.results,
  RUN_FILES.summary,
  ...FOLDERS,
  // Made by the first sample scored at a viewport of `--viewports` after the first.
  VIEWPORTS_FOLDER,
  // Where version 1 kept the runtimes' logs.
  "llama-server.log",
  "node-llama-cpp.log",
];

/**
 * Checks that `path` can become an output folder, leaving nothing behind: it can be written
 * ({@link checkWritable}), and an existing `path` is empty or an earlier output of this tool.
 */
export function checkOutputDir(path: string): void {
  const target = checkWritable(path, RunDirError);
  if (statOrNull(target)?.isDirectory()) {
    // Another run's probe, there for a moment, is no file of the user's.
    const entries = readdirSync(target).filter((e) => !e.startsWith(PROBE_PREFIX));
    const isOutput = entries.some((e) => RUN_MARKERS.includes(e)) || entries.every((e) => isRunFolder(join(target, e)));
    if (!isOutput) throw new RunDirError(`${target}: folder is not empty and holds no earlier run; choose another --out`);
  }
}

function isRunFolder(path: string): boolean {
  return statOrNull(path)?.isDirectory() === true && RUN_MARKERS.some((m) => existsSync(join(path, m)));
}

/**
 * Failures that need not happen again, retried when a run is continued: the model's server down,
 * busy or too slow, a prediction file not there yet, a renderer or scoring worker that crashed.
 * The other failures are what the model's output does every time (no HTML, a prompt over the
 * context, a page too large, a page that loops until its render deadline): they are kept unless
 * `--retry-failed` asks for every failure again.
 */
export const RETRIED_ON_RESUME: ReadonlySet<SampleStatus> = new Set<SampleStatus>([
  "generation_error",
  "generation_timeout",
  "render_error",
  "reference_render_error",
  "scoring_error",
]);

/**
 * Each sample's last line. A retried sample's new line is appended after its old one, which
 * stays until the new one is written (a kill in between loses nothing); the last one counts.
 */
function lastPerSample(records: readonly SampleRecord[]): SampleRecord[] {
  return [...new Map(records.map((record) => [record.id, record])).values()];
}

/** The files of one run: samples.jsonl appended as samples finish, predictions, both pages' renders and logs beside it. */
export class RunDirectory {
  readonly samplesFile: string;
  /** Where model runtimes write their logs. */
  readonly logDir: string;

  private constructor(readonly path: string) {
    this.samplesFile = join(path, RUN_FILES.samples);
    this.logDir = join(path, LOGS);
  }

  /** Creates the folder, removing an earlier run's files (never anything else); on failure it leaves nothing it made. */
  static create(path: string, identity: RunIdentity = {}): RunDirectory {
    const dir = new RunDirectory(resolve(path));
    let made: string | undefined;
    try {
      for (const part of RUN_PARTS) rmSync(join(dir.path, part), { recursive: true, force: true });
      made = mkdirSync(dir.path, { recursive: true });
      dir.makeParts();
      writeFileSync(dir.samplesFile, "");
      writeRunState(join(dir.path, RUN_FILES.state), identity, new Date());
    } catch (error) {
      dir.removeParts(made);
      throw new RunDirError(`${dir.path}: cannot write (${fsReason(error)})`);
    }
    return dir;
  }

  /**
   * Continues the run in `path` when it is one of the same identity (same dataset, model,
   * settings): returns its finished samples (each one's last line), a last line cut short by a
   * kill dropped. A folder with no run starts one; a run of another identity is refused, naming
   * what differs.
   */
  static resume(path: string, identity: RunIdentity): { dir: RunDirectory; finished: SampleRecord[]; startedAt: Date } {
    const target = resolve(path);
    const stateFile = join(target, RUN_FILES.state);
    if (!existsSync(stateFile) || !existsSync(join(target, RUN_FILES.samples))) {
      return { dir: RunDirectory.create(target, identity), finished: [], startedAt: new Date() };
    }
    /** A problem with the folder's own files ends with the way out. */
    const orFresh = <T>(read: () => T): T => {
      try {
        return read();
      } catch (error) {
        throw error instanceof RunDirError ? new RunDirError(`${error.message}; use --fresh to start over`) : error;
      }
    };
    const state = orFresh(() => readRunState(stateFile, RunDirError));
    const differences = Object.keys({ ...state.identity, ...identity }).flatMap((key) => {
      const difference = firstDifference(state.identity[key], identity[key]);
      if (!difference) return [];
      const where = difference.path ? `${difference.path}: ` : "";
      return [`${key} (${where}${showJson(difference.a)} there, ${showJson(difference.b)} now)`];
    });
    if (differences.length) {
      throw new RunDirError(`${target} holds a run with other ${differences.join(", ")}: use --fresh to start it over, or another --out`);
    }
    const dir = new RunDirectory(target);
    const text = orFresh(() => {
      try {
        return readFileSync(dir.samplesFile, "utf8");
      } catch (error) {
        throw new RunDirError(`${target}: cannot continue the run (${fsReason(error)})`);
      }
    });
    const complete = text.slice(0, text.lastIndexOf("\n") + 1);
    const finished = lastPerSample(orFresh(() => parseSampleLines(complete, dir.samplesFile, RunDirError)));
    orFresh(() => {
      try {
        dir.makeParts();
        if (complete.length !== text.length) writeFileAtomic(dir.samplesFile, complete);
        rmSync(join(target, RUN_FILES.results), { force: true });
      } catch (error) {
        throw new RunDirError(`${target}: cannot continue the run (${fsReason(error)})`);
      }
    });
    return { dir, finished, startedAt: new Date(state.startedAt) };
  }

  /** Removes what create() wrote, and the folders it made when they are left empty. */
  private removeParts(made: string | undefined): void {
    try {
      for (const part of RUN_PARTS) rmSync(join(this.path, part), { recursive: true, force: true });
      if (made === undefined) return;
      for (let folder = this.path; readdirSync(folder).length === 0; folder = dirname(folder)) {
        rmdirSync(folder);
        if (folder === made) break;
      }
    } catch {
      // Best effort: the error being reported is the one that matters.
    }
  }

  private makeParts(): void {
    for (const part of FOLDERS) mkdirSync(join(this.path, part), { recursive: true });
  }

  /** Removes what create() made, and the folder when nothing else is in it: for a run that could not start. */
  discard(): void {
    for (const part of RUN_PARTS) rmSync(join(this.path, part), { recursive: true, force: true });
    if (readdirSync(this.path).length === 0) rmSync(this.path, { recursive: true });
  }

  /** On disk before the sample is counted: a killed run loses nothing that finished. */
  appendSample(record: SampleRecord): void {
    appendSampleLine(this.samplesFile, record);
  }

  writePrediction(id: string, html: string): void {
    writeFileSync(sampleFile(this.path, "prediction", id), html);
  }

  /** The prediction's render as scored (at a viewport of `--viewports` after the first: in that viewport's folder). */
  writeRender(id: string, png: Buffer, viewport?: string): void {
    writeInFolder(sampleFile(this.path, "render", id, viewport), png);
  }

  /** The reference page's render as scored: the report draws the comparison from it, with no browser. */
  writeReferenceRender(id: string, png: Buffer, viewport?: string): void {
    writeInFolder(sampleFile(this.path, "referenceRender", id, viewport), png);
  }

  /** Task interaction: the generated page after interaction N, as scored. */
  writeState(id: string, index: number, png: Buffer, viewport?: string): void {
    writeInFolder(stateFile(this.path, id, index, viewport), png);
  }

  /** Puts samples.jsonl in dataset order (atomically), one line a sample (its last), and returns its records. */
  orderSamples(order: readonly string[]): SampleRecord[] {
    const rank = new Map(order.map((id, i) => [id, i]));
    const records = lastPerSample(readSampleLines(this.samplesFile, RunDirError)).sort(
      (a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity),
    );
    writeSampleLines(this.samplesFile, records);
    return records;
  }

  writeAtomic(name: string, content: string): void {
    writeFileAtomic(join(this.path, name), content);
  }
}

/** A sample's file in a folder that a sample's run may be the first to need. */
function writeInFolder(file: string, content: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}
