import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pLimit from "p-limit";
import picomatch from "picomatch";
import { extract, type ReadEntry } from "tar";
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from "undici";
import { oneLine } from "../../shared/index.js";
import { LIBRARY_CATALOG, type CatalogEntry } from "./catalog.js";
import { isPlainPath, LibraryStore, packageKey, RECORD_FILE, storedRecord, type PackageRecord } from "./store.js";

export const DEFAULT_REGISTRY = "https://registry.npmjs.org/";

export interface InstallOptions {
  /** The store folder (see `libraryRoot`). */
  root: string;
  /** npm registry base URL; default `npm_config_registry` (set by npm from .npmrc), else registry.npmjs.org. */
  registry?: string;
  log?: (line: string) => void;
  /** The packages to store (the catalog by default). */
  entries?: readonly CatalogEntry[];
}

export interface InstallReport {
  registry: string;
  /** `name@version` of each package fetched now. */
  fetched: string[];
  /** Packages that were already in the store. */
  reused: number;
  store: LibraryStore;
}

/** No answer from the registry at all (offline, DNS, proxy): the run goes on without the store. */
export class RegistryUnreachableError extends Error {}

/** A downloaded tarball larger than this is refused (the largest pinned one is 5 MB). */
const MAX_TARBALL_BYTES = 64 * 1024 * 1024;
const DOWNLOADS_AT_ONCE = 4;
const TIMEOUT_MS = 60_000;

/**
 * Fetches every pinned package the store lacks from the npm registry, checks it against its pinned
 * integrity, and unpacks the files it keeps into the store: each package through a temporary folder
 * renamed into place, so that a package folder is either complete or absent.
 */
export async function installLibraries(options: InstallOptions): Promise<InstallReport> {
  const registry = (options.registry ?? process.env.npm_config_registry ?? DEFAULT_REGISTRY).replace(/\/*$/, "/");
  const wanted = options.entries ?? LIBRARY_CATALOG;
  const todo = wanted.filter((entry) => !storedRecord(options.root, entry));
  mkdirSync(options.root, { recursive: true });
  const dispatcher = proxyConfigured() ? new EnvHttpProxyAgent() : new Agent();
  const abort = new AbortController();
  const limit = pLimit(DOWNLOADS_AT_ONCE);
  const failed: string[] = [];
  try {
    const fetched = await Promise.all(
      todo.map((entry) =>
        limit(async () => {
          abort.signal.throwIfAborted();
          const tarball = await download(tarballUrl(registry, entry), dispatcher, abort);
          checkIntegrity(entry, tarball);
          await unpack(entry, tarball, options.root);
          options.log?.(`${entry.name}@${entry.version}: ${(tarball.length / 1e6).toFixed(1)} MB fetched`);
          return [`${entry.name}@${entry.version}`];
        }).catch((error: unknown) => {
          // No registry at all: stop at once. A single package that fails leaves the others to finish.
          if (error instanceof RegistryUnreachableError) abort.abort();
          if (abort.signal.aborted) throw error;
          failed.push(oneLine(error));
          return [];
        }),
      ),
    );
    if (failed.length) throw new Error(`${failed.length} of ${todo.length} packages not stored: ${failed.join("; ")}`);
    return { registry, fetched: fetched.flat(), reused: wanted.length - todo.length, store: LibraryStore.open(options.root) };
  } finally {
    await dispatcher.close();
  }
}

/** The registry's tarball URL (`REGISTRY/NAME/-/BASENAME-VERSION.tgz`), the layout npmjs and its mirrors share. */
export function tarballUrl(registry: string, entry: CatalogEntry): string {
  const base = entry.name.split("/").pop() ?? entry.name;
  return `${registry}${entry.name}/-/${base}-${entry.version}.tgz`;
}

/** HTTP(S)_PROXY in the environment: then downloads go through it (undici's proxy agent, which honours NO_PROXY). */
function proxyConfigured(): boolean {
  return ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"].some((name) => process.env[name]);
}

async function download(url: string, dispatcher: Dispatcher, abort: AbortController): Promise<Buffer> {
  let response;
  try {
    response = await request(url, {
      dispatcher,
      signal: abort.signal,
      maxRedirections: 3,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
  } catch (error) {
    if (abort.signal.aborted) throw error;
    const code = (error as { code?: string }).code;
    throw new RegistryUnreachableError(`cannot reach the npm registry (${url}: ${code ?? oneLine(error)})`);
  }
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new Error(`${url}: HTTP ${response.statusCode}`);
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_TARBALL_BYTES) throw new Error(`${url}: larger than ${MAX_TARBALL_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function checkIntegrity(entry: CatalogEntry, tarball: Buffer): void {
  const [algorithm = "", expected = ""] = entry.integrity.split("-", 2);
  const actual = createHash(algorithm).update(tarball).digest("base64");
  if (actual !== expected) {
    throw new Error(`${entry.name}@${entry.version}: the tarball's ${algorithm} is not the pinned integrity (got ${algorithm}-${actual})`);
  }
}

/** Unpacks the kept regular files (no links, no paths that climb) through a temporary folder. */
async function unpackTo(entry: CatalogEntry, tarball: Buffer, folder: string): Promise<PackageRecord> {
  // Source maps are never needed to draw a page.
  const keep = picomatch(entry.keep as string[], { ignore: "**/*.map" });
  const files: string[] = [];
  let bytes = 0;
  const filesDir = join(folder, "files");
  mkdirSync(filesDir, { recursive: true });
  await pipeline(
    Readable.from([tarball]),
    extract({
      cwd: filesDir,
      // npm tarballs hold one top folder (usually `package/`).
      strip: 1,
      filter: (path: string, item: ReadEntry | import("node:fs").Stats) => {
        const relative = path.split("/").slice(1).join("/");
        const type = "type" in item ? item.type : "File";
        const ok = (type === "File" || type === "OldFile") && isPlainPath(relative) && keep(relative);
        if (ok) {
          files.push(relative);
          bytes += item.size ?? 0;
        }
        return ok;
      },
    }),
  );
  return { name: entry.name, version: entry.version, integrity: entry.integrity, keep: entry.keep, files: files.sort(), bytes };
}

function unpack(entry: CatalogEntry, tarball: Buffer, root: string): Promise<void> {
  const final = join(root, packageKey(entry.integrity));
  const temporary = join(root, `.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  return unpackTo(entry, tarball, temporary).then(
    (record) => {
      writeFileSync(join(temporary, RECORD_FILE), `${JSON.stringify(record)}\n`);
      // A stale folder (an older keep list) is replaced; one a concurrent setup just finished is kept.
      if (existsSync(final)) rmSync(final, { recursive: true, force: true });
      try {
        renameSync(temporary, final);
      } catch (error) {
        rmSync(temporary, { recursive: true, force: true });
        if (!existsSync(join(final, RECORD_FILE))) throw error;
      }
    },
    (error: unknown) => {
      rmSync(temporary, { recursive: true, force: true });
      throw error;
    },
  );
}
