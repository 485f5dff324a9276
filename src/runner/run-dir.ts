import { accessSync, appendFileSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { writeFileAtomic } from "./atomic.js";
import type { SampleRecord } from "./records.js";

/** An output folder that cannot be used: exit 2, before anything is written. */
export class RunDirError extends Error {}

const RUN_MARKERS = ["results.json", "samples.jsonl", "comparison.md", "run.json"];
/** Everything a run writes, model runtime logs included: removed before a run starts over. */
const RUN_PARTS = ["run.json", "samples.jsonl", "results.json", "summary.md", "predictions", "renders", "llama-server.log", "node-llama-cpp.log"];

/**
 * Checks that `path` can become an output folder without writing anything: its nearest existing
 * ancestor is a writable folder, and an existing `path` is empty or an earlier output of this tool.
 */
export function checkOutputDir(path: string): void {
  const target = resolve(path);
  let existing = target;
  while (!existsSync(existing)) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) throw new RunDirError(`${existing}: not a folder, cannot write ${target}`);
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw new RunDirError(`${existing}: not writable, cannot write ${target}`);
  }
  if (existing === target) {
    const entries = readdirSync(target);
    const isOutput = entries.some((e) => RUN_MARKERS.includes(e)) || entries.every((e) => isRunFolder(join(target, e)));
    if (!isOutput) throw new RunDirError(`${target}: folder is not empty and holds no earlier run; choose another --out`);
  }
}

function isRunFolder(path: string): boolean {
  return statSync(path).isDirectory() && RUN_MARKERS.some((m) => existsSync(join(path, m)));
}

/** What fixes a run's results: a run continues only under the same identity. */
export type RunIdentity = Record<string, unknown>;

/** The files of one run: samples.jsonl appended as samples finish, predictions and renders beside it. */
export class RunDirectory {
  readonly samplesFile: string;

  private constructor(readonly path: string) {
    this.samplesFile = join(path, "samples.jsonl");
  }

  /** Creates the folder, removing an earlier run's files (never anything else). */
  static create(path: string, identity: RunIdentity = {}): RunDirectory {
    const dir = new RunDirectory(resolve(path));
    try {
      for (const part of RUN_PARTS) rmSync(join(dir.path, part), { recursive: true, force: true });
      dir.makeParts();
      writeFileSync(dir.samplesFile, "");
      writeFileAtomic(join(dir.path, "run.json"), `${JSON.stringify({ identity, startedAt: new Date().toISOString() }, null, 2)}\n`);
    } catch (error) {
      throw new RunDirError(`${dir.path}: cannot write (${(error as Error).message})`);
    }
    return dir;
  }

  /**
   * Continues the run in `path` when it is one of the same identity (same dataset, model,
   * settings): its finished samples are kept, a last line cut short by a kill is dropped. A
   * folder with no run starts one; a run of another identity is refused, naming what differs.
   */
  static resume(path: string, identity: RunIdentity): { dir: RunDirectory; finished: SampleRecord[]; startedAt: Date } {
    const target = resolve(path);
    const stateFile = join(target, "run.json");
    if (!existsSync(stateFile) || !existsSync(join(target, "samples.jsonl"))) {
      return { dir: RunDirectory.create(target, identity), finished: [], startedAt: new Date() };
    }
    let state: { identity: RunIdentity; startedAt: string };
    try {
      state = JSON.parse(readFileSync(stateFile, "utf8")) as typeof state;
    } catch (error) {
      throw new RunDirError(`${stateFile}: unreadable (${(error as Error).message}); use --fresh to start over`);
    }
    const differs = Object.keys({ ...state.identity, ...identity }).filter((key) => JSON.stringify(state.identity[key]) !== JSON.stringify(identity[key]));
    if (differs.length) {
      throw new RunDirError(`${target} holds a run with other ${differs.join(", ")}: use --fresh to start it over, or another --out`);
    }
    const dir = new RunDirectory(target);
    dir.makeParts();
    const text = readFileSync(dir.samplesFile, "utf8");
    const complete = text.slice(0, text.lastIndexOf("\n") + 1);
    if (complete.length !== text.length) writeFileAtomic(dir.samplesFile, complete);
    rmSync(join(target, "results.json"), { force: true });
    const finished = complete
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as SampleRecord);
    return { dir, finished, startedAt: new Date(state.startedAt) };
  }

  private makeParts(): void {
    mkdirSync(join(this.path, "predictions"), { recursive: true });
    mkdirSync(join(this.path, "renders"), { recursive: true });
  }

  /** Removes what create() made, and the folder when nothing else is in it: for a run that could not start. */
  discard(): void {
    for (const part of RUN_PARTS) rmSync(join(this.path, part), { recursive: true, force: true });
    if (readdirSync(this.path).length === 0) rmSync(this.path, { recursive: true });
  }

  /** On disk before the sample is counted: a killed run loses nothing that finished. */
  appendSample(record: SampleRecord): void {
    appendFileSync(this.samplesFile, `${JSON.stringify(record)}\n`);
  }

  writePrediction(id: string, html: string): void {
    writeFileSync(join(this.path, "predictions", `${id}.html`), html);
  }

  writeRender(id: string, png: Buffer): void {
    writeFileSync(join(this.path, "renders", `${id}.png`), png);
  }

  /** Puts samples.jsonl in dataset order (atomically) and returns its records. */
  orderSamples(order: readonly string[]): SampleRecord[] {
    const rank = new Map(order.map((id, i) => [id, i]));
    const records = readFileSync(this.samplesFile, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as SampleRecord)
      .sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
    writeFileAtomic(this.samplesFile, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
    return records;
  }

  writeAtomic(name: string, content: string): void {
    writeFileAtomic(join(this.path, name), content);
  }
}
