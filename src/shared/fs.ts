import { isUtf8 } from "node:buffer";
import { lstatSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from "node:fs";
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
