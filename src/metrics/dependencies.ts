import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import sharp from "sharp";

const require = createRequire(import.meta.url);

/**
 * The installed version of a package, read from its package.json at runtime so
 * that results record what actually scored them. parse5's `exports` map hides
 * `parse5/package.json`, so walk up from the resolved entry point instead.
 */
function installedVersion(name: string): string {
  for (let dir = dirname(require.resolve(name)); ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (manifest.name === name && typeof manifest.version === "string") return manifest.version;
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the package.json of ${name}`);
  }
}

export interface ScoringDependencies {
  parse5: string;
  pixelmatch: string;
  sharp: string;
  libvips: string;
}

const DEPENDENCIES: Readonly<ScoringDependencies> = Object.freeze({
  parse5: installedVersion("parse5"),
  pixelmatch: installedVersion("pixelmatch"),
  sharp: installedVersion("sharp"),
  libvips: sharp.versions.vips,
});

/** pixelmatch's colour distance changed after 7.2.0, so pixel scores are only comparable within one version. */
export const PIXELMATCH_VERSION: string = DEPENDENCIES.pixelmatch;

/** Versions of the packages whose behaviour moves scores, for a run's `environment`. */
export function scoringDependencies(): ScoringDependencies {
  return { ...DEPENDENCIES };
}
