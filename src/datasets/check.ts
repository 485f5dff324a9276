import { isUtf8 } from "node:buffer";
import { firstBadByte } from "../shared/index.js";
import { MAX_ID_LENGTH, SAFE_ID, SAFE_ID_RULE } from "./manifest.js";
import { readPngHeader } from "../shared/png-header.js";

/** Why these bytes are no screenshot (every form's screenshots are PNG files), or null. */
export function imageProblem(bytes: Uint8Array): string | null {
  const header = readPngHeader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return typeof header === "string" ? header : null;
}

/**
 * Pages are rendered and parsed as UTF-8: other bytes would silently become U+FFFD in the
 * reference. Returns the text, or where the first byte that is not UTF-8 is (`byte 6`).
 */
export function decodeHtml(bytes: Uint8Array): { text: string } | { notUtf8: string } {
  if (!isUtf8(bytes)) return { notUtf8: firstBadByte(bytes) };
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8") };
}

/** Why `id` cannot name a sample's files (`predictions/<id>.html`), or null. */
export function idProblem(id: string): string | null {
  if (!SAFE_ID.test(id)) return `${JSON.stringify(id)} is not usable as an id (${SAFE_ID_RULE})`;
  if (id.length > MAX_ID_LENGTH) return `${JSON.stringify(id.slice(0, 20))}... is not usable as an id (at most ${MAX_ID_LENGTH} characters)`;
  return null;
}

/** Ids seen so far: a repeated one is a problem, named with where it was first seen. */
export class IdRegister {
  private readonly seen = new Map<string, string>();

  /** The problem with `id` at `where` (`row 3`), or null when it is new and usable. */
  problem(id: string, where: string): string | null {
    const bad = idProblem(id);
    if (bad) return bad;
    const first = this.seen.get(id);
    if (first !== undefined) return `duplicate id ${JSON.stringify(id)} (first at ${first})`;
    this.seen.set(id, where);
    return null;
  }
}
