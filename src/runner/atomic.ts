import { renameSync, rmSync, writeFileSync } from "node:fs";

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeFileAtomic(path: string, content: string | Buffer): void {
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
