import { createHash, type Hash } from "node:crypto";
import { createReadStream, readdirSync, statSync } from "node:fs";
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

/**
 * sha256 over each file's name and content, streamed (a parquet shard of hundreds of MB is never
 * in memory at once): any change to a page, screenshot, asset or row changes it. `files` are
 * [name, path] pairs in a fixed order; `reading` (how the files were read: columns, a form's
 * choices) is hashed after them when given, so the same bytes read another way differ.
 */
export async function fingerprintFiles(files: ReadonlyArray<readonly [name: string, path: string]>, reading?: string): Promise<string> {
  const hash = createHash("sha256");
  for (const [name, path] of files) {
    const size = readable(path, () => statSync(path).size);
    hash.update(`${name}\0${size}\0`);
    await hashContent(hash, path);
  }
  if (reading !== undefined) hash.update(`\0reading\0${reading}`);
  return `sha256:${hash.digest("hex")}`;
}

async function hashContent(hash: Hash, path: string): Promise<void> {
  try {
    // 1 MB reads: the default 64 KB chunks made hashing a big shard several times slower.
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch (error) {
    throw new DatasetError(`${path}: cannot read (${fsReason(error)})`);
  }
}

/** An unreadable file or folder of a dataset is bad input, named by its path. */
export function readable<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new DatasetError(`${path}: cannot read (${fsReason(error)})`);
  }
}
