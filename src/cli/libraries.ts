import { LIBRARY_CATALOG, LibraryStore, libraryRoot } from "../render/index.js";
import { cacheDir } from "../runner/index.js";
import type { Output } from "./output.js";

/** The library store renders use, or null with `--no-libraries`; says in one line what it lacks. */
export function openLibraries(enabled: boolean, output: Output): LibraryStore | null {
  if (!enabled) return null;
  const store = LibraryStore.open(libraryRoot(cacheDir()));
  if (store.missing.length) {
    output.log(
      store.packages.length === 0
        ? "no library store: pages render without the CDN libraries they load (web2code-eval setup libraries fetches them)"
        : `the library store lacks ${store.missing.length} of ${LIBRARY_CATALOG.length} packages: pages that load those render without them (web2code-eval setup libraries fetches them)`,
    );
  }
  return store;
}
