import { createHash } from "node:crypto";
import { contentTypeOf } from "../assets.js";
import type { RequestLog } from "../request-log.js";
import { googleFontsCss } from "./google-fonts.js";
import type { PlayCdn } from "./play-cdn.js";
import type { LibraryStore } from "./store.js";
import { tailwindVersions } from "./tailwind-plugins.js";
import { parseLibraryUrl, resolveLibrary } from "./url-map.js";

/** Bumped when the URL map answers any URL differently (new CDN forms, other resolution rules, other generated CSS or script). */
const LIBRARY_MAP_VERSION = 1;
/**
 * Library responses one page gets, and their bytes; past either, its requests are refused. Each
 * response crosses the DevTools connection whole, so a page that asks for one large file thousands
 * of times would otherwise stall every page for minutes. A real page loads a few dozen at most.
 */
export const MAX_LIBRARY_RESPONSES = 200;
export const MAX_LIBRARY_BYTES = 64 * 1024 * 1024;

export interface LibraryResponse {
  body: Buffer;
  contentType: string;
  headers: Record<string, string>;
}

/** Fonts and stylesheets are fetched cross-origin with CORS from the page's origin; every CDN here allows any origin. */
const HEADERS = { "access-control-allow-origin": "*" };

/**
 * The renderer's library map: CDN URLs (jsdelivr, unpkg, cdnjs, BootstrapCDN, code.jquery.com,
 * use.fontawesome.com, fonts.googleapis.com, cdn.tailwindcss.com) answered from the store, read-only.
 * Everything it does not answer stays refused by the sandbox.
 */
export class LibraryMap {
  readonly fingerprint: string;
  /**
   * The Play CDN, loaded by the first page that asks for cdn.tailwindcss.com: its module (and its
   * config reader) then, the Tailwind compiler and its plugins only in its worker threads, on the
   * first compile. A run whose pages never ask loads none of them (test/render/libraries/lazy-tailwind.test.ts).
   */
  private playCdn: Promise<PlayCdn> | null = null;

  constructor(
    readonly store: LibraryStore,
    /** The render deadline: a Tailwind compile never takes longer. */
    private readonly compileTimeoutMs: number,
  ) {
    this.fingerprint = createHash("sha256")
      .update(JSON.stringify({ LIBRARY_MAP_VERSION, store: store.contentHash, compiler: tailwindVersions() }))
      .digest("hex")
      .slice(0, 16);
  }

  /** The response for `url` on the page `html`, or null when the map does not serve it. */
  async answer(url: string, html: string, log: RequestLog): Promise<LibraryResponse | null> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (log.libraryResponses >= MAX_LIBRARY_RESPONSES || log.libraryBytes >= MAX_LIBRARY_BYTES) {
      log.note(`over ${MAX_LIBRARY_RESPONSES} library responses or ${MAX_LIBRARY_BYTES / 1024 / 1024} MB: the rest were refused`);
      return null;
    }
    const body = await this.body(parsed, html, (text) => log.note(text));
    if (!body) return null;
    log.libraryResponses++;
    log.libraryBytes += body.body.length;
    return { ...body, headers: HEADERS };
  }

  private async body(url: URL, html: string, note: (text: string) => void): Promise<Omit<LibraryResponse, "headers"> | null> {
    if (url.hostname === "cdn.tailwindcss.com" && url.protocol === "https:") {
      this.playCdn ??= import("./play-cdn.js").then(({ PlayCdn }) => new PlayCdn());
      const script = await (await this.playCdn).script(url, html, note, this.compileTimeoutMs);
      return { body: Buffer.from(script), contentType: "text/javascript; charset=utf-8" };
    }
    const css = googleFontsCss(url, this.store, note);
    if (css) return { body: Buffer.from(css), contentType: "text/css; charset=utf-8" };
    const request = parseLibraryUrl(url);
    const file = request && resolveLibrary(this.store, request);
    const body = file && this.store.read(file.pkg, file.path);
    if (!file || !body) return null;
    if (file.substitution) note(file.substitution);
    return { body, contentType: contentTypeOf(file.path) };
  }

  async close(): Promise<void> {
    await (await this.playCdn)?.close();
  }
}
