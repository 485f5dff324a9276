import { LibraryStore, libraryRoot } from "../render/index.js";
import { cacheDir } from "../runner/index.js";

/**
 * The library store renders use: whatever `setup libraries` put in the user cache (possibly nothing:
 * the run's environment records what it had), or null with `--no-libraries`.
 */
export function openLibraries(enabled: boolean): LibraryStore | null {
  return enabled ? LibraryStore.open(libraryRoot(cacheDir())) : null;
}
