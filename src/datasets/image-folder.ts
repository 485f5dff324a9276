import { realpathSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { fsReason, lstatOrNull, readRegularFile } from "../shared/index.js";
import { imageProblem } from "./check.js";
import { DatasetError } from "./errors.js";

/**
 * The folder a JSONL's or JSON's `image` paths are relative to (Web2Code's `Web2Code_image_eval`):
 * each image checked once however many questions show it, never one outside the folder.
 */
export class ImageFolder {
  private readonly checked = new Map<string, string | null>();
  private readonly realRoot: string;

  constructor(
    readonly root: string,
    /** What gave the folder, for messages: `--images` or the file it sits beside. */
    given: string,
  ) {
    let isFolder: boolean;
    try {
      isFolder = statSync(root).isDirectory();
    } catch (error) {
      throw new DatasetError(`${root}: cannot read the image folder (${fsReason(error)}; ${given})`);
    }
    if (!isFolder) throw new DatasetError(`${root}: the image folder is not a folder (${given})`);
    this.realRoot = realpathSync(root);
  }

  /** Why the image at `path` (as the data names it) cannot be shown to a model, or null. */
  problem(path: string): string | null {
    if (!this.checked.has(path)) this.checked.set(path, this.check(path));
    return this.checked.get(path)!;
  }

  /** Absolute path of an image the data names (checked with {@link problem} first). */
  pathOf(path: string): string {
    return resolve(this.root, path);
  }

  read(path: string): Promise<Buffer> {
    return readFile(this.pathOf(path));
  }

  /** The images checked and found good, as [path in the folder, absolute path], sorted: what the fingerprint covers. */
  files(): Array<[string, string]> {
    return [...this.checked]
      .filter(([, problem]) => problem === null)
      .map(([path]): [string, string] => [relative(this.root, this.pathOf(path)).split(sep).join("/"), this.pathOf(path)])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private check(path: string): string | null {
    const absolute = this.pathOf(path);
    if (!path || path.includes("\0") || !absolute.startsWith(this.root + sep)) return `${JSON.stringify(path)} leaves the image folder ${this.root}`;
    if (!lstatOrNull(absolute)) return `no image ${absolute}`;
    let bytes: Buffer;
    try {
      bytes = readRegularFile(absolute, "image", DatasetError);
    } catch (error) {
      return (error as Error).message;
    }
    const real = realpathSync(absolute);
    if (!real.startsWith(this.realRoot + sep)) return `${absolute} links outside the image folder, to ${real}`;
    const bad = imageProblem(bytes);
    return bad && `${absolute}: ${bad}`;
  }
}
