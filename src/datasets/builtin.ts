import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's own `datasets/` folder: two levels up from both src/datasets and dist/datasets. */
export const BUILTIN_DATASETS_DIR = fileURLToPath(new URL("../../datasets/", import.meta.url));

export function builtinDatasetIds(): string[] {
  if (!existsSync(BUILTIN_DATASETS_DIR)) return [];
  return readdirSync(BUILTIN_DATASETS_DIR)
    .filter((name) => existsSync(join(BUILTIN_DATASETS_DIR, name, "dataset.json")))
    .sort();
}

export function builtinDatasetPath(id: string): string | null {
  return builtinDatasetIds().includes(id) ? join(BUILTIN_DATASETS_DIR, id) : null;
}
