import { lstatSync, renameSync, rmSync, writeFileSync, type Stats } from "node:fs";

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
