import semver from "semver";
import type { AliasCdn, CatalogEntry } from "./catalog.js";
import { isPlainPath, type LibraryStore, type StoredPackage } from "./store.js";

/** `npm`: jsdelivr's `/npm/NAME@RANGE/PATH` and unpkg's `NAME@RANGE/PATH`, the npm package byte for byte. */
export type Cdn = "npm" | AliasCdn;

/** A CDN URL read as a package file: which package, which version (exact, a range, or none) and which file. */
export interface LibraryRequest {
  cdn: Cdn;
  name: string;
  /** As written in the URL; null when it names none (the CDN's latest). */
  version: string | null;
  /** Relative path inside the CDN's folder for that version ("" for the package's default file). */
  path: string;
}

export interface ResolvedFile {
  pkg: StoredPackage;
  /** Path inside the stored package. */
  path: string;
  /** Set when another version than the one asked for serves the request. */
  substitution?: string;
}

const JSDELIVR_HOSTS = new Set([
  "cdn.jsdelivr.net",
  "fastly.jsdelivr.net",
  "gcore.jsdelivr.net",
  "testingcf.jsdelivr.net",
  "quantil.jsdelivr.net",
]);
const UNPKG_HOSTS = new Set(["unpkg.com", "www.unpkg.com"]);
const BOOTSTRAPCDN_HOSTS = new Set(["stackpath.bootstrapcdn.com", "maxcdn.bootstrapcdn.com", "netdna.bootstrapcdn.com"]);

/** Reads a CDN URL as a library request; null for anything that is not one of the CDN forms the store serves. */
export function parseLibraryUrl(url: URL): LibraryRequest | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const host = url.hostname;
  const segments = url.pathname.split("/").slice(1);
  if (JSDELIVR_HOSTS.has(host)) return segments[0] === "npm" ? npmRequest(segments.slice(1)) : null;
  if (UNPKG_HOSTS.has(host)) return npmRequest(segments);
  if (host === "cdnjs.cloudflare.com") {
    const [ajax, libs, name, version, ...rest] = segments;
    return ajax === "ajax" && libs === "libs" ? aliasRequest("cdnjs", name, version, rest) : null;
  }
  if (BOOTSTRAPCDN_HOSTS.has(host)) {
    const [name, version, ...rest] = segments;
    return aliasRequest("bootstrapcdn", name, version, rest);
  }
  if (host === "code.jquery.com") {
    // `/jquery-3.5.1.slim.min.js` is `dist/jquery.slim.min.js` of jquery@3.5.1.
    const match = /^jquery-(\d+\.\d+\.\d+)((?:\.slim)?(?:\.min)?\.js)$/.exec(segments.join("/"));
    return match ? { cdn: "code.jquery.com", name: "jquery", version: match[1]!, path: `jquery${match[2]!}` } : null;
  }
  if (host === "use.fontawesome.com") {
    const [releases, version, ...rest] = segments;
    return releases === "releases" && version?.startsWith("v")
      ? aliasRequest("use.fontawesome.com", "fontawesome-free", version.slice(1), rest)
      : null;
  }
  return null;
}

/** `NAME[@VERSION]/PATH` or `@SCOPE/NAME[@VERSION]/PATH`. */
function npmRequest(segments: string[]): LibraryRequest | null {
  const scoped = segments[0]?.startsWith("@") ?? false;
  const head = scoped ? `${segments[0]}/${segments[1] ?? ""}` : segments[0];
  if (!head) return null;
  const at = head.indexOf("@", scoped ? 1 : 0);
  const name = decode(at < 0 ? head : head.slice(0, at));
  const version = at < 0 ? null : decode(head.slice(at + 1));
  const path = filePath(segments.slice(scoped ? 2 : 1), true);
  if (name === null || version === "" || path === null) return null;
  return { cdn: "npm", name, version, path };
}

function aliasRequest(cdn: AliasCdn, name: string | undefined, version: string | undefined, rest: string[]): LibraryRequest | null {
  const path = filePath(rest, false);
  if (!name || !version || path === null) return null;
  const decodedName = decode(name);
  const decodedVersion = decode(version);
  return decodedName && decodedVersion ? { cdn, name: decodedName, version: decodedVersion, path } : null;
}

/**
 * The decoded relative path, or null when a segment is empty, `.` or `..` (also when encoded: `%2e%2e`,
 * `..%2f`) or holds a backslash or NUL. `empty`: a URL with no file at all names the default file.
 */
function filePath(segments: string[], empty: boolean): string | null {
  if (segments.length === 0) return empty ? "" : null;
  const decoded = segments.map(decode);
  if (decoded.some((segment) => segment === null || segment.includes("/"))) return null;
  const path = decoded.join("/");
  return isPlainPath(path) ? path : null;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * The stored file that serves a request, or null. A range takes the highest stored version that
 * satisfies it; an exact version the store lacks takes the closest stored version of its major
 * (recorded as a substitution), as does no version or `latest`; anything else is refused.
 */
export function resolveLibrary(store: LibraryStore, request: LibraryRequest): ResolvedFile | null {
  const candidates = store.find((entry) => servesName(entry, request));
  const chosen = pickVersion(
    request.version,
    candidates.map((pkg) => pkg.entry.version),
  );
  const pkg = chosen && candidates.find((candidate) => candidate.entry.version === chosen.version);
  if (!chosen || !pkg) return null;
  const dir = request.cdn === "npm" ? "" : (pkg.entry.aliases?.find((a) => a.cdn === request.cdn && a.name === request.name)?.dir ?? "");
  const wanted = request.path === "" ? defaultFile(store, pkg) : dir ? `${dir}/${request.path}` : request.path;
  const path = wanted === null ? null : existingFile(pkg, wanted);
  if (path === null) return null;
  const asked = `${request.name}@${request.version ?? "latest"}`;
  return chosen.substituted ? { pkg, path, substitution: `${asked} served as ${pkg.entry.name}@${pkg.entry.version}` } : { pkg, path };
}

function servesName(entry: CatalogEntry, request: LibraryRequest): boolean {
  if (request.cdn === "npm") return entry.name === request.name;
  return entry.aliases?.some((alias) => alias.cdn === request.cdn && alias.name === request.name) ?? false;
}

export function pickVersion(requested: string | null, stored: string[]): { version: string; substituted: boolean } | null {
  const sorted = [...stored].sort(semver.rcompare);
  if (sorted.length === 0) return null;
  if (requested === null || requested === "latest") return { version: sorted[0]!, substituted: true };
  const exact = semver.valid(requested, { loose: true });
  if (exact) {
    if (sorted.includes(exact)) return { version: exact, substituted: false };
    const major = semver.major(exact);
    const sameMajor = sorted.filter((version) => semver.major(version) === major);
    const distance = (version: string) => [
      Math.abs(semver.minor(version) - semver.minor(exact)),
      Math.abs(semver.patch(version) - semver.patch(exact)),
    ];
    const closest = sameMajor.sort((a, b) => {
      const [da, db] = [distance(a), distance(b)];
      return da[0]! - db[0]! || da[1]! - db[1]! || semver.rcompare(a, b);
    })[0];
    return closest ? { version: closest, substituted: true } : null;
  }
  if (semver.validRange(requested, { loose: true }) === null) return null;
  const best = semver.maxSatisfying(sorted, requested, { loose: true });
  return best ? { version: best, substituted: false } : null;
}

/** The file a CDN serves for a package URL with no path: package.json's `jsdelivr`, `unpkg`, `browser` or `main`. */
function defaultFile(store: LibraryStore, pkg: StoredPackage): string | null {
  const manifest = store.read(pkg, "package.json");
  if (!manifest) return null;
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(manifest.toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
  const named = [fields.jsdelivr, fields.unpkg, fields.browser, fields.main, "index.js"].find(
    (value) => typeof value === "string",
  ) as string;
  const path = named.replace(/^\.\//, "");
  return isPlainPath(path) ? path : null;
}

/** The stored path for a wanted one; a missing `.min.css` / `.min.js` is served by its unminified file (jsdelivr minifies on the fly). */
function existingFile(pkg: StoredPackage, path: string): string | null {
  if (pkg.files.has(path)) return path;
  if (pkg.files.has(`${path}.js`)) return `${path}.js`;
  const unminified = path.replace(/\.min\.(css|js)$/, ".$1");
  return unminified !== path && pkg.files.has(unminified) ? unminified : null;
}
