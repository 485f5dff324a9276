import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../shared/index.js";

/**
 * A folder of cache entries named by the hash of their key, two hex digits of fan-out. Writes go
 * through a rename, so concurrent runs never see half an entry; a cache that cannot be read or
 * written is a miss, never an error.
 */
export class CacheStore {
  constructor(readonly dir: string) {}

  static key(...parts: Array<string | Buffer>): string {
    const hash = createHash("sha256");
    for (const part of parts) hash.update(part).update("\0");
    return hash.digest("hex");
  }

  read(key: string, extension: string): Buffer | undefined {
    try {
      return readFileSync(this.file(key, extension));
    } catch {
      return undefined;
    }
  }

  write(key: string, extension: string, content: string | Buffer): void {
    try {
      mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
      writeFileAtomic(this.file(key, extension), content);
    } catch {
      // A full or read-only disk costs the cache, not the run.
    }
  }

  private file(key: string, extension: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.${extension}`);
  }
}
