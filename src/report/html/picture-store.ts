import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Files beside a report, named by their content's hash: the same picture is stored once however
 * many samples show it, and a report folder can be copied or uploaded as it is.
 */
export class PictureStore {
  constructor(
    private readonly dir: string,
    /** The folder as the report links it. */
    private readonly link: string,
  ) {}

  put(bytes: Uint8Array | string, extension: string): string {
    const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 20)}.${extension}`;
    const file = join(this.dir, name);
    if (!existsSync(file)) {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(file, bytes);
    }
    return `${this.link}/${name}`;
  }
}
