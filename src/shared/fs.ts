import { isUtf8 } from "node:buffer";
import {
  accessSync,
  constants,
  lstatSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fsReason, type BadInputClass } from "./errors.js";

/** lstat, or null when nothing is there: a link to nothing is something (in the way), not absent. */
export function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    // A full disk leaves a cut-off temporary: remove it, so a failed write leaves nothing behind.
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * The bytes of a regular file; a folder, FIFO or device is refused (reading a FIFO would wait for
 * ever), as is a link that leads nowhere. `what` names the file in messages ("manifest").
 */
export function readRegularFile(path: string, what: string, Bad: BadInputClass): Buffer {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if (lstatOrNull(path)) throw new Bad(`${path}: ${what} is a link that leads nowhere (${fsReason(error)})`);
    throw new Bad(`${path}: cannot read ${what} (${fsReason(error)})`);
  }
  if (!stats.isFile()) throw new Bad(`${path}: ${what} is not a file`);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Bad(`${path}: cannot read ${what} (${fsReason(error)})`);
  }
}

/** Where the first byte that is not UTF-8 is, for an error message (only called on bytes that are not). */
export function firstBadByte(bytes: Uint8Array): string {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    const length =
      lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0 || !isUtf8(bytes.subarray(at, at + length))) break;
    at += length;
  }
  return `byte ${at}`;
}

/** The prefix of the folder {@link checkWritable} makes and removes at once: another run's probe, not a file of the user's. */
export const PROBE_PREFIX = ".web2code-eval-probe-";

/**
 * Checks, leaving nothing behind, that `target` (a folder, or a file with `file`) can be written:
 * the nearest existing folder on its way takes a new entry (a probe, made and removed: as root,
 * permission bits say nothing, and a full disk or a read-only mount shows only on writing), no
 * file stands in the way, and a `file` target is not a folder. Returns the resolved target.
 */
export function checkWritable(target: string, Bad: BadInputClass, kind: "folder" | "file" = "folder"): string {
  const path = resolve(target);
  if (kind === "file" && statOrNull(path)?.isDirectory()) throw new Bad(`${path}: is a folder; give a file name`);
  let existing = kind === "file" ? dirname(path) : path;
  // lstat, not exists: a link to nothing is in the way, not absent.
  while (!lstatOrNull(existing)) existing = dirname(existing);
  let stats: Stats;
  try {
    stats = statSync(existing);
  } catch (error) {
    throw new Bad(`${existing}: a link that leads nowhere (${fsReason(error)}), cannot write ${path}`);
  }
  if (!stats.isDirectory()) throw new Bad(`${existing}: not a folder, cannot write ${path}`);
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw new Bad(`${existing}: not writable, cannot write ${path}`);
  }
  let probe: string | undefined;
  try {
    probe = mkdtempSync(join(existing, PROBE_PREFIX));
    writeFileSync(join(probe, "probe"), "web2code-eval");
  } catch (error) {
    throw new Bad(`${existing}: not writable (${fsReason(error)}), cannot write ${path}`);
  } finally {
    if (probe !== undefined) rmSync(probe, { recursive: true, force: true });
  }
  return path;
}

/** stat (following links), or null when nothing is there. */
export function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
