import { readFileSync } from "node:fs";

/** The package's manifest, read from its place: `src/shared/` (sources) and `dist/shared/` (build) both sit two folders below the root. */
const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
};

/** This tool's name and version, as every file it writes records them. */
export const TOOL = { name: manifest.name, version: manifest.version } as const;

/** The exact version the package pins for one of its dependencies. */
export function pinnedDependency(name: string): string | undefined {
  return manifest.dependencies[name];
}
