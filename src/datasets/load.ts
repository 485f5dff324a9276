import { existsSync, statSync, type Stats } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { fsReason, lstatOrNull } from "../shared/index.js";
import { builtinDatasetIds, builtinDatasetPath } from "./builtin.js";
import { DatasetError } from "./errors.js";
import { listFiles } from "./fingerprint.js";
import { loadFolder, MANIFEST } from "./folder.js";
import { isInteractionFolder, loadInteractionFolder } from "./interaction-folder.js";
import type { LoadedForm } from "./form.js";
import { datasetTasks } from "./tasks.js";
import type { Dataset, DatasetFormat, LoadOptions } from "./types.js";

type Loader = (path: string, options: LoadOptions) => Promise<LoadedForm>;

// The readers of the other forms (a parquet reader, a CSV parser) load only when such a dataset does.
const loadParquetFile: Loader = async (file, options) => (await import("./parquet.js")).loadParquet(file, false, options);
const loadParquetFolder: Loader = async (root, options) => (await import("./parquet.js")).loadParquet(root, true, options);

/** A file's form by its extension. */
const FILE_FORMS: Record<string, { format: DatasetFormat; load: Loader }> = {
  ".parquet": { format: "parquet", load: loadParquetFile },
  ".jsonl": { format: "web2code-jsonl", load: async (file, options) => (await import("./web2code-jsonl.js")).loadWeb2CodeJsonl(file, options) },
  ".json": { format: "llava-json", load: async (file, options) => (await import("./llava-json.js")).loadLlavaJson(file, options) },
  ".tsv": { format: "vlmevalkit-tsv", load: async (file, options) => (await import("./tsv.js")).loadTsv(file, options) },
};

const isParquet = (path: string) => path.toLowerCase().endsWith(".parquet");

/** Which forms each flag means something to. */
const OPTION_FORMS: Record<keyof LoadOptions, readonly DatasetFormat[]> = {
  columns: ["parquet", "vlmevalkit-tsv", "web2code-jsonl"],
  images: ["web2code-jsonl", "llava-json"],
};

const FORMS_TEXT =
  "a folder holding dataset.json, Design2Code <id>.html + <id>.png pairs, Interaction2Code page folders (<id>/action.json) or .parquet files; a .parquet, Web2Code .jsonl, LLaVA .json or VLMEvalKit .tsv file";

/**
 * A dataset where it lies, in any form it is downloaded in: a built-in id; a folder (web2code
 * `dataset.json`, Design2Code pairs, Interaction2Code page folders, parquet files); a parquet, Web2Code JSONL, LLaVA JSON or
 * VLMEvalKit TSV file. Every sample is checked here, so bad input is refused before a run writes
 * anything: a DatasetError whose message starts with the path of the file at fault, or a
 * DatasetProblems holding every problem found, one line each.
 */
export async function loadDataset(spec: string, options: LoadOptions = {}): Promise<Dataset> {
  const path = existsSync(spec) ? resolve(spec) : builtinDatasetPath(spec);
  if (!path) {
    throw new DatasetError(`unknown dataset "${spec}": give a built-in id (${builtinDatasetIds().join(", ")}) or a path to ${FORMS_TEXT}`);
  }
  const given: LoadOptions = {
    ...(options.columns && Object.keys(options.columns).length ? { columns: options.columns } : {}),
    ...(options.images === undefined ? {} : { images: resolve(options.images) }),
  };
  const { format, load } = formOf(path);
  for (const flag of Object.keys(given) as Array<keyof LoadOptions>) {
    if (!OPTION_FORMS[flag].includes(format)) {
      throw new DatasetError(`--${flag} does not apply to ${path} (${format}); it applies to ${OPTION_FORMS[flag].join(", ")} datasets`);
    }
  }
  const loaded = await load(path, given);
  const tasks = datasetTasks(loaded.samples);
  if (tasks.length === 0) {
    const pages = loaded.samples.filter((sample) => sample.readHtml).length;
    throw new DatasetError(`${path}: the samples serve no task together (${pages} have a reference page, ${loaded.samples.length - pages} have none)`);
  }
  return { ...loaded, options: given, tasks };
}

function formOf(path: string): { format: DatasetFormat; load: Loader } {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new DatasetError(`${path}: cannot read (${fsReason(error)})`);
  }
  if (!stats.isDirectory()) {
    // Reading a FIFO would wait for ever.
    if (!stats.isFile()) throw new DatasetError(`${path}: neither a folder nor a file`);
    if (basename(path) === MANIFEST) throw new DatasetError(`${path}: a dataset is the folder that holds ${MANIFEST}, not the file`);
    const form = FILE_FORMS[extname(path).toLowerCase()];
    if (!form) throw new DatasetError(`${path}: not a dataset form this tool reads (${FORMS_TEXT})`);
    return form;
  }
  // Before dataset.json: an interaction folder's dataset.json holds only its head (a viewport).
  if (isInteractionFolder(path)) return { format: "interaction2code", load: loadInteractionFolder };
  if (lstatOrNull(join(path, MANIFEST))) return { format: "web2code", load: (root) => loadFolder(root, listFiles(root)) };
  const files = listFiles(path);
  const topLevel = new Set(files.filter((file) => !file.includes("/")));
  const pairs = [...topLevel].some((file) => file.endsWith(".html") && topLevel.has(`${file.slice(0, -5)}.png`));
  if (!pairs && files.some(isParquet)) return { format: "parquet", load: loadParquetFolder };
  return { format: "design2code", load: (root) => loadFolder(root, files) };
}
