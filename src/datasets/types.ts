import type { InteractionSpec } from "../shared/interactions.js";
import { TASKS, type Task } from "../shared/tasks.js";

export interface Viewport {
  width: number;
  height: number;
}

/** What a sample can be asked: its HTML from the screenshot or the description, or a question about the screenshot. */
export type DatasetTask = Task;
export const DATASET_TASKS: readonly DatasetTask[] = TASKS;

/** The forms a dataset is read from (recorded in a run's results). */
export type DatasetFormat = "web2code" | "design2code" | "parquet" | "web2code-jsonl" | "llava-json" | "vlmevalkit-tsv" | "interaction2code";

/**
 * One interaction of a page (`--task interaction`) with the reference screenshots of the states
 * it goes from and to, read on demand.
 */
/**
 * A sample as listed: small. Its screenshot and reference page are read on demand (a parquet row
 * group, a TSV record, a file), so a big benchmark stays small in memory.
 */
export interface Sample {
  id: string;
  /** The screenshot given to the model: PNG bytes (checked when the dataset was loaded). */
  readImage(): Promise<Buffer>;
  /** The reference page (UTF-8 text, checked when loaded); absent for a sample with none (a `qa` question). */
  readHtml?: () => Promise<string>;
  /**
   * Where the reference page sits in the dataset's asset folder (POSIX, relative): both pages are
   * served from there, so their relative URLs resolve as they do for the reference.
   */
  pagePath: string;
  description?: string;
  tags: string[];
  /** For `qa`: the question about the screenshot, its gold answer, and its category where the data has one. */
  question?: string;
  answer?: string;
  category?: string;
  /** For `interaction`: what is done on the page, in order, with the dataset's screenshots of it. */
  interactions?: SampleInteraction[];
}

/** One interaction of a page with the reference states it is scored against. */
export interface SampleInteraction extends InteractionSpec {
  /** The states' names in the dataset (Interaction2Code's state numbers, `src` and `dst`). */
  before: string;
  after: string;
  /** The page before the action and after it: PNG bytes. */
  readBefore(): Promise<Buffer>;
  readAfter(): Promise<Buffer>;
  /** The state before, the element acted on outlined in red (Interaction2Code's `K_mark.png`), where the dataset has it. */
  readMarkedBefore?: () => Promise<Buffer>;
  /** The state after, what changed outlined in red, where the dataset has it. */
  readMarkedAfter?: () => Promise<Buffer>;
}

/** How to read a dataset whose form leaves choices: which columns hold what, where the images are. */
export interface LoadOptions {
  /** `--columns image=...,html=...`: the column (or field) of each role; unnamed roles are detected. */
  columns?: Record<string, string>;
  /** `--images DIR`: the folder a JSONL's or LLaVA JSON's `image` paths are relative to (default: the file's folder). */
  images?: string;
}

export interface Dataset {
  id: string;
  version: string;
  description: string;
  licence: string;
  /** The path that loads this dataset again (with {@link Dataset.options}): a folder, a file, a folder of parquet files. */
  root: string;
  /** What was given besides the path, as given (absolute paths); empty when nothing was. */
  options: LoadOptions;
  /** Folder whose files pages may load by relative URL; null when pages have none (rows of a table). */
  assetRoot: string | null;
  /** Files under {@link assetRoot} no page may load: the samples' own pages and screenshots, which would copy the answer. */
  withheldFiles: string[];
  viewport: Viewport;
  instruction: string;
  /** sha256 over every byte the samples come from (and how they were read). */
  fingerprint: string;
  format: DatasetFormat;
  /** The tasks every sample serves, in {@link DATASET_TASKS} order. */
  tasks: DatasetTask[];
  samples: Sample[];
  /** What loads but looks wrong (Design2Code pages without their screenshots): one line for each cause, naming the files. */
  warnings: string[];
  /**
   * A Design2Code folder's pages that have no screenshot beside them, so are no samples (absolute
   * paths); a run warns of them (among `warnings`), `datasets validate` calls each a problem.
   */
  pagesWithoutScreenshot?: string[];
}
