import { createHash } from "node:crypto";
import { readFileSync, realpathSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";

/** Pages are served from this fake origin so relative URLs resolve against the dataset folder. */
export const PAGE_ORIGIN = "http://dataset.web2code.invalid";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
};

/** The Content-Type a file is served with, by its extension. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

/** Largest asset served; anything bigger is refused like a missing file. */
const MAX_ASSET_BYTES = 8 * 1024 * 1024;
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

export interface Asset {
  body: Buffer;
  contentType: string;
}

/**
 * Files of one dataset folder, read once and kept in memory, served to pages by the interceptor.
 * A URL that leaves the folder (`..`, symlinks, other origins) gets nothing.
 */
export class AssetStore {
  private readonly cache = new Map<string, Asset | null>();
  private cachedBytes = 0;
  private readonly root: string;
  private readonly withheld: Set<string>;

  /**
   * `withheld`: files of the folder never served, such as the benchmark's own reference pages and
   * screenshots, which a prediction could otherwise load and show as its answer.
   */
  constructor(root: string, withheld: readonly string[] = []) {
    this.root = realpathSync(root);
    this.withheld = new Set(withheld.flatMap((path) => realPath(path) ?? []));
    const names = [...this.withheld].map((path) => relative(this.root, path)).sort();
    this.withheldDigest = createHash("sha256").update(JSON.stringify(names)).digest("hex").slice(0, 16);
  }

  /** Which files are withheld, as a short hash of their paths in the folder: renders differ with it. */
  readonly withheldDigest: string;

  lookup(url: string): Asset | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.origin !== PAGE_ORIGIN) return null;
    let relative: string;
    try {
      relative = decodeURIComponent(parsed.pathname);
    } catch {
      return null;
    }
    // URL parsing already folds `..`; a NUL or backslash is never a dataset file.
    if (relative.includes("\0") || relative.includes("\\")) return null;
    const path = join(this.root, relative);
    if (this.cache.has(path)) return this.cache.get(path) ?? null;
    const asset = this.read(path);
    if (asset && this.cachedBytes + asset.body.length <= MAX_CACHED_BYTES) {
      this.cachedBytes += asset.body.length;
      this.cache.set(path, asset);
    } else if (!asset) {
      this.cache.set(path, null);
    }
    return asset;
  }

  private read(path: string): Asset | null {
    try {
      const real = realpathSync(path);
      if (!real.startsWith(this.root + sep) || this.withheld.has(real)) return null;
      const stat = statSync(real);
      if (!stat.isFile() || stat.size > MAX_ASSET_BYTES) return null;
      return {
        body: readFileSync(real),
        contentType: contentTypeOf(real),
      };
    } catch {
      return null;
    }
  }
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
