import { createHash } from "node:crypto";
import { createReadStream, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";

interface CachedHash {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/**
 * The sha256 of a weights file, remembered by path, size and modification time: hashing a 4 GB
 * model takes seconds, so it is done once per file version.
 */
export async function weightsSha256(path: string, cacheRoot: string): Promise<string> {
  const real = realpathSync(path);
  const { size, mtimeMs } = statSync(real);
  const cacheFile = join(cacheRoot, "weights-sha256.json");
  const cache = readCache(cacheFile);
  const known = cache[real];
  if (known && known.size === size && known.mtimeMs === mtimeMs) return known.sha256;
  const hash = createHash("sha256");
  await pipeline(createReadStream(real), hash);
  const sha256 = hash.digest("hex");
  // Read again just before writing: another run may have added entries meanwhile.
  const latest = { ...readCache(cacheFile), [real]: { size, mtimeMs, sha256 } };
  mkdirSync(cacheRoot, { recursive: true });
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(latest, null, 1));
  renameSync(temporary, cacheFile);
  return sha256;
}

function readCache(file: string): Record<string, CachedHash> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, CachedHash>;
  } catch {
    return {};
  }
}
