import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { installLibraries, LIBRARY_CATALOG, LibraryStore, libraryRoot } from "../../src/render/index.js";
import { packageKey, RECORD_FILE, type PackageRecord } from "../../src/render/libraries/store.js";
import { cacheDir } from "../../src/runner/index.js";
import { tempDir } from "./dataset.js";

/**
 * A store on disk, without the network: for each `name@version` of the catalog, the given files
 * (path to content). Packages not named are missing.
 */
export function fakeLibraryStore(packages: Record<string, Record<string, string>>): LibraryStore {
  const root = tempDir("w2c-libraries-");
  for (const [spec, files] of Object.entries(packages)) {
    const entry = LIBRARY_CATALOG.find((e) => `${e.name}@${e.version}` === spec);
    if (!entry) throw new Error(`${spec} is not in the catalog`);
    const dir = join(root, packageKey(entry.integrity));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, "files", path)), { recursive: true });
      writeFileSync(join(dir, "files", path), content);
    }
    const record: PackageRecord = { ...entry, files: Object.keys(files).sort(), bytes: 0 };
    writeFileSync(join(dir, RECORD_FILE), JSON.stringify(record));
  }
  return LibraryStore.open(root);
}

/**
 * The real store in the user cache (WEB2CODE_CACHE_DIR, as CI sets it), which `setup libraries`
 * fills: shared by every test and fetched from the npm registry only when packages are missing.
 */
export async function realLibraryStore(): Promise<LibraryStore> {
  const root = libraryRoot(cacheDir());
  const store = LibraryStore.open(root);
  return store.missing.length === 0 ? store : (await installLibraries({ root })).store;
}
