import { basename } from "node:path";
import type { Dataset } from "./types.js";

/** Web2Code's instruction (its WCGB benchmark's): the default of every form that names none. */
export const DEFAULT_INSTRUCTION = "Please generate html code for the given image";

/** What a form's loader returns; loadDataset adds what every form shares (the options, the tasks). */
export type LoadedForm = Omit<Dataset, "options" | "tasks">;

/** Where a row's page is said to be (no file is there: rows have no assets): where an import writes it. */
export function rowPagePath(id: string): string {
  return `pages/${id}.html`;
}

/** Design2Code's viewport, the default of every form that names none. */
export const DEFAULT_VIEWPORT = { width: 1280, height: 720 };

/**
 * The instruction a benchmark gives with every row (VLMEvalKit's `question`, the first human
 * turn of a LLaVA record), when all rows give the same one; otherwise Web2Code's, said in a
 * warning, since a run asks every sample one instruction.
 */
export function sharedInstruction(given: ReadonlySet<string>, where: string, warnings: string[]): string {
  const only = given.size === 1 ? [...given][0]!.trim() : "";
  if (only) return only;
  if (given.size > 1) warnings.push(`${where}: rows give ${given.size} different instructions; every sample is asked "${DEFAULT_INSTRUCTION}"`);
  return DEFAULT_INSTRUCTION;
}

/**
 * What a dataset read from rows (a table, a JSON file) says of itself: its id from its file name,
 * no version or licence it could know, Design2Code's viewport, no asset folder (its pages are rows,
 * not files beside others).
 */
export function rowFormHead(
  root: string,
  format: LoadedForm["format"],
  description: string,
): Pick<LoadedForm, "id" | "version" | "description" | "licence" | "root" | "assetRoot" | "withheldFiles" | "viewport" | "format"> {
  const stem = basename(root).replace(/\.(parquet|tsv|jsonl|json)$/i, "");
  return {
    id: `${/^[A-Za-z0-9]/.test(stem) ? "" : "d"}${stem.replace(/[^A-Za-z0-9._-]/g, "_")}`.slice(0, 128),
    version: "unversioned",
    description,
    licence: "unknown",
    root,
    assetRoot: null,
    withheldFiles: [],
    viewport: DEFAULT_VIEWPORT,
    format,
  };
}
