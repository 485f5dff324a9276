import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fsReason } from "../shared/index.js";
import { DatasetError } from "./errors.js";

/** Every file under `root`, as sorted POSIX paths relative to it. */
export function listFiles(root: string): string[] {
  const files: string[] = [];
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const entry of readable(folder, () => readdirSync(folder, { withFileTypes: true }))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) folders.push(path);
      else if (entry.isFile()) files.push(relative(root, path).split(sep).join("/"));
    }
  }
  return files.sort();
}

/** sha256 over each file's path and content: any change to a page, screenshot or asset changes it. */
export function fingerprintFiles(root: string, files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) {
    const path = join(root, file);
    const content = readable(path, () => readFileSync(path));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return `sha256:${hash.digest("hex")}`;
}

/** An unreadable file or folder of a dataset is bad input, named by its path. */
function readable<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new DatasetError(`${path}: cannot read (${fsReason(error)})`);
  }
}
