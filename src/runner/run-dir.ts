import {
  accessSync,
  appendFileSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { writeFileAtomic } from "./atomic.js";
import type { SampleRecord } from "./records.js";
import { parseSampleLines } from "./sample-lines.js";

/** An output folder that cannot be used: exit 2, before anything is written. */
export class RunDirError extends Error {}

const RUN_MARKERS = ["results.json", "samples.jsonl", "comparison.md", "run.json"];
/** checkOutputDir's write test: a folder made and removed at once. */
const PROBE_PREFIX = ".web2code-eval-probe-";
/** Everything a run writes, model runtime logs included: removed before a run starts over. */
const RUN_PARTS = [
  "run.json",
  "samples.jsonl",
  "results.json",
  "summary.md",
  "predictions",
  "renders",
  "llama-server.log",
  "node-llama-cpp.log",
];

/**
 * Checks that `path` can become an output folder, leaving nothing behind: its nearest existing
 * ancestor is a folder that takes a new file (a probe, written and removed: as root, permission
 * bits say nothing, and a full disk or a read-only mount shows only on writing), and an existing
 * `path` is empty or an earlier output of this tool.
 */
export function checkOutputDir(path: string): void {
  const target = resolve(path);
  let existing = target;
  // lstat, not exists: a link to nothing is in the way, not absent.
  while (!lstatOrNull(existing)) existing = dirname(existing);
  let stats: Stats;
  try {
    stats = statSync(existing);
  } catch (error) {
    throw new RunDirError(`${existing}: a link that leads nowhere (${reason(error)}), cannot write ${target}`);
  }
  if (!stats.isDirectory()) throw new RunDirError(`${existing}: not a folder, cannot write ${target}`);
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw new RunDirError(`${existing}: not writable, cannot write ${target}`);
  }
  probeWrite(existing, target);
  if (existing === target) {
    // Another run's probe, there for a moment, is no file of the user's.
    const entries = readdirSync(target).filter((e) => !e.startsWith(PROBE_PREFIX));
    const isOutput = entries.some((e) => RUN_MARKERS.includes(e)) || entries.every((e) => isRunFolder(join(target, e)));
    if (!isOutput) throw new RunDirError(`${target}: folder is not empty and holds no earlier run; choose another --out`);
  }
}

function probeWrite(folder: string, target: string): void {
  let probe: string | undefined;
  try {
    probe = mkdtempSync(join(folder, PROBE_PREFIX));
    writeFileSync(join(probe, "probe"), "web2code-eval");
  } catch (error) {
    throw new RunDirError(`${folder}: not writable (${reason(error)}), cannot write ${target}`);
  } finally {
    if (probe !== undefined) rmSync(probe, { recursive: true, force: true });
  }
}

function isRunFolder(path: string): boolean {
  return statOrNull(path)?.isDirectory() === true && RUN_MARKERS.some((m) => existsSync(join(path, m)));
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a file stands where a folder should be",
  EISDIR: "a folder stands where a file should be",
};

/** A file system error in words, without the path and call that Node's message repeats. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return (error as Error).message;
  return REASONS[code] ? `${REASONS[code]}, ${code}` : code;
}

/** What fixes a run's results: a run continues only under the same identity. */
export type RunIdentity = Record<string, unknown>;

function isRunState(value: unknown): value is { identity: RunIdentity; startedAt: string } {
  if (typeof value !== "object" || value === null) return false;
  const { identity, startedAt } = value as { identity?: unknown; startedAt?: unknown };
  return (
    typeof identity === "object" &&
    identity !== null &&
    !Array.isArray(identity) &&
    typeof startedAt === "string" &&
    !Number.isNaN(Date.parse(startedAt))
  );
}

/** The files of one run: samples.jsonl appended as samples finish, predictions and renders beside it. */
export class RunDirectory {
  readonly samplesFile: string;

  private constructor(readonly path: string) {
    this.samplesFile = join(path, "samples.jsonl");
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
      writeFileAtomic(join(dir.path, "run.json"), `${JSON.stringify({ identity, startedAt: new Date().toISOString() }, null, 2)}\n`);
    } catch (error) {
      dir.removeParts(made);
      throw new RunDirError(`${dir.path}: cannot write (${reason(error)})`);
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
    const fresh = "use --fresh to start over";
    let state: unknown;
    try {
      state = JSON.parse(readFileSync(stateFile, "utf8"));
    } catch (error) {
      throw new RunDirError(`${stateFile}: unreadable (${error instanceof SyntaxError ? error.message : reason(error)}); ${fresh}`);
    }
    if (!isRunState(state)) throw new RunDirError(`${stateFile}: not a run's state (an object with identity and startedAt); ${fresh}`);
    const differs = Object.keys({ ...state.identity, ...identity }).filter(
      (key) => JSON.stringify(state.identity[key]) !== JSON.stringify(identity[key]),
    );
    if (differs.length) {
      throw new RunDirError(`${target} holds a run with other ${differs.join(", ")}: use --fresh to start it over, or another --out`);
    }
    const dir = new RunDirectory(target);
    let text: string;
    try {
      text = readFileSync(dir.samplesFile, "utf8");
    } catch (error) {
      throw new RunDirError(`${target}: cannot continue the run (${reason(error)}); ${fresh}`);
    }
    const complete = text.slice(0, text.lastIndexOf("\n") + 1);
    const finished = parseSampleLines(complete, (line) => {
      throw new RunDirError(`${dir.samplesFile}: line ${line} is not a sample record; ${fresh}`);
    });
    try {
      dir.makeParts();
      if (complete.length !== text.length) writeFileAtomic(dir.samplesFile, complete);
      rmSync(join(target, "results.json"), { force: true });
    } catch (error) {
      throw new RunDirError(`${target}: cannot continue the run (${reason(error)}); ${fresh}`);
    }
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
    const records = parseSampleLines(readFileSync(this.samplesFile, "utf8"), (line, problem) => {
      throw new RunDirError(`${this.samplesFile}:${line}: ${problem}`);
    }).sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
    writeFileAtomic(this.samplesFile, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
    return records;
  }

  writeAtomic(name: string, content: string): void {
    writeFileAtomic(join(this.path, name), content);
  }
}
