import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LIBRARY_CATALOG, type CatalogEntry } from "./catalog.js";

/** The store's folder inside the user cache. */
export function libraryRoot(cacheRoot: string): string {
  return join(cacheRoot, "libraries");
}

/** The store in the user cache folder `cacheRoot`: what `setup libraries` put there (possibly nothing). */
export function openLibraryStore(cacheRoot: string): LibraryStore {
  return LibraryStore.open(libraryRoot(cacheRoot));
}

/** A package's folder name: its integrity (algorithm and digest, in hex so that it is a safe file name). */
export function packageKey(integrity: string): string {
  const [algorithm = "", digest = ""] = integrity.split("-", 2);
  return `${algorithm}-${Buffer.from(digest, "base64").toString("hex")}`;
}

/** What `setup libraries` writes beside a package's files, last, so that its presence means a complete package. */
export interface PackageRecord {
  name: string;
  version: string;
  integrity: string;
  keep: readonly string[];
  /** The kept files, relative to `files/`, with forward slashes. */
  files: string[];
  bytes: number;
}

export const RECORD_FILE = "package.w2c.json";

export interface StoredPackage {
  entry: CatalogEntry;
  /** Folder holding the package's kept files. */
  dir: string;
  files: ReadonlySet<string>;
  bytes: number;
}

/** Largest file served from the store (Tailwind 2's dark-mode build is 6 MB). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Files kept in memory after their first read; past this they are read again each time. */
const MAX_CACHED_BYTES = 128 * 1024 * 1024;

/**
 * The library packages that `setup libraries` put in the user cache, read-only. Only files listed
 * in a package's record are ever read: a path that is not one of them gets nothing.
 */
export class LibraryStore {
  private readonly cache = new Map<string, Buffer>();
  private cachedBytes = 0;

  private constructor(
    readonly root: string,
    readonly packages: readonly StoredPackage[],
    /** Catalog entries not (or not completely) in the store. */
    readonly missing: readonly CatalogEntry[],
  ) {}

  /** What is in the store at `root` now; packages that are absent or stale are listed as missing. */
  static open(root: string): LibraryStore {
    const packages: StoredPackage[] = [];
    const missing: CatalogEntry[] = [];
    for (const entry of LIBRARY_CATALOG) {
      const record = storedRecord(root, entry);
      if (record)
        packages.push({ entry, dir: join(root, packageKey(entry.integrity), "files"), files: new Set(record.files), bytes: record.bytes });
      else missing.push(entry);
    }
    return new LibraryStore(root, packages, missing);
  }

  /** Changes when the stored packages change: their integrities and the files kept of each. */
  get contentHash(): string {
    const content = this.packages.map((p) => [p.entry.integrity, p.entry.keep]);
    return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 16);
  }

  get bytes(): number {
    return this.packages.reduce((sum, p) => sum + p.bytes, 0);
  }

  /** The stored packages that `accept` takes, e.g. every stored version of one name. */
  find(accept: (entry: CatalogEntry) => boolean): StoredPackage[] {
    return this.packages.filter((p) => accept(p.entry));
  }

  /** A file of a stored package by its exact relative path, or null when the package has no such file. */
  read(pkg: StoredPackage, path: string): Buffer | null {
    if (!pkg.files.has(path)) return null;
    const full = join(pkg.dir, path);
    const cached = this.cache.get(full);
    if (cached) return cached;
    let body: Buffer;
    try {
      body = readFileSync(full);
    } catch {
      return null;
    }
    if (body.length > MAX_FILE_BYTES) return null;
    if (this.cachedBytes + body.length <= MAX_CACHED_BYTES) {
      this.cachedBytes += body.length;
      this.cache.set(full, body);
    }
    return body;
  }
}

/** The record of a complete package in the store, or null when it is absent or was kept with other globs. */
export function storedRecord(root: string, entry: CatalogEntry): PackageRecord | null {
  try {
    const record = JSON.parse(readFileSync(join(root, packageKey(entry.integrity), RECORD_FILE), "utf8")) as Partial<PackageRecord>;
    if (record.integrity !== entry.integrity || JSON.stringify(record.keep) !== JSON.stringify(entry.keep)) return null;
    if (!Array.isArray(record.files) || !record.files.every((file) => typeof file === "string" && isPlainPath(file))) return null;
    return { ...record, bytes: typeof record.bytes === "number" ? record.bytes : 0 } as PackageRecord;
  } catch {
    return null;
  }
}

/** A relative path with no empty, `.` or `..` segment and nothing a file name should not hold. */
export function isPlainPath(path: string): boolean {
  if (path === "" || path.includes("\\") || path.includes("\0")) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}
