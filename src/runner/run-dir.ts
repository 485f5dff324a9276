import { accessSync, appendFileSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { writeFileAtomic } from "./atomic.js";
import type { SampleRecord } from "./records.js";

/** An output folder that cannot be used: exit 2, before anything is written. */
export class RunDirError extends Error {}

const RUN_MARKERS = ["results.json", "samples.jsonl", "comparison.md"];
/** Everything a run writes, model runtime logs included: removed before a run starts over. */
const RUN_PARTS = ["samples.jsonl", "results.json", "summary.md", "predictions", "renders", "llama-server.log", "node-llama-cpp.log"];

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

/** The files of one run: samples.jsonl appended as samples finish, predictions and renders beside it. */
export class RunDirectory {
  readonly samplesFile: string;

  private constructor(readonly path: string) {
    this.samplesFile = join(path, "samples.jsonl");
  }

  /** Creates the folder, removing an earlier run's files (never anything else). */
  static create(path: string): RunDirectory {
    const dir = new RunDirectory(resolve(path));
    try {
      for (const part of RUN_PARTS) rmSync(join(dir.path, part), { recursive: true, force: true });
      mkdirSync(join(dir.path, "predictions"), { recursive: true });
      mkdirSync(join(dir.path, "renders"), { recursive: true });
      writeFileSync(dir.samplesFile, "");
    } catch (error) {
      throw new RunDirError(`${dir.path}: cannot write (${(error as Error).message})`);
    }
    return dir;
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
