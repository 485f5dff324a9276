import { basename, relative, sep } from "node:path";
import { decodeHtml, IdRegister, imageProblem } from "./check.js";
import { resolveColumns, showColumns } from "./columns.js";
import { DatasetError, Problems } from "./errors.js";
import { fingerprintFiles, listFiles } from "./fingerprint.js";
import { DEFAULT_INSTRUCTION, rowFormHead, rowPagePath, type LoadedForm } from "./form.js";
import { ParquetFile, RowGroupCache, type ColumnKind, type ParquetRow } from "./parquet-file.js";
import type { LoadOptions, Sample } from "./types.js";

/**
 * Each role's usual column names, first found wins: Design2Code-hf and WebSight (`image`, `text`),
 * WebSight v0.2's page idea as the description (`llm_generated_idea`). `--columns` names others.
 */
const ROLES = {
  image: ["image"],
  html: ["text", "html", "code"],
  id: ["id"],
  description: ["description", "llm_generated_idea"],
} as const;
type Role = keyof typeof ROLES;
/** The column each role is read from: a screenshot and a page always, the others where the data has them. */
type Columns = { image: string; html: string } & Partial<Record<Role, string>>;

/** The kinds of column each role can be read from. */
const KINDS: Record<Role, readonly ColumnKind[]> = {
  image: ["image-struct", "bytes"],
  html: ["text", "bytes"],
  id: ["text", "number"],
  description: ["text"],
};

/** Hugging Face's shard names: `train-00000-of-00004.parquet`, `test-00000-of-00001-<hash>.parquet`. */
const SPLIT_SHARD = /^(.+?)-\d{5}-of-\d{5}/;

/** The parquet files under a folder (any depth, as a Hugging Face dataset repository keeps them in data/), sorted. */
function parquetFilesIn(root: string): string[] {
  return listFiles(root).filter((file) => file.toLowerCase().endsWith(".parquet"));
}

/**
 * A parquet file, or a folder of them, as Hugging Face ships datasets: a row per sample with the
 * screenshot (an Image struct `{bytes, path}`, or plain bytes) and the HTML. Every row is read
 * once here, a row group at a time, to check it; later a sample reads its row again on demand.
 * Sample ids: the `id` column where there is one, else the row's number over all files (0, 1, ...).
 */
export async function loadParquet(root: string, isFolder: boolean, options: LoadOptions): Promise<LoadedForm> {
  const names = isFolder ? parquetFilesIn(root) : [basename(root)];
  const paths = isFolder ? names.map((name) => `${root}${sep}${name.split("/").join(sep)}`) : [root];
  if (names.length === 0) throw new DatasetError(`${root}: holds no .parquet files`);
  const splits = new Set(names.flatMap((name) => SPLIT_SHARD.exec(basename(name))?.[1] ?? []));
  if (splits.size > 1) {
    throw new DatasetError(`${root}: holds the splits ${[...splits].sort().join(", ")}: give the files or folder of one split`);
  }
  const files: ParquetFile[] = [];
  for (const path of paths) files.push(await ParquetFile.open(path));
  const columns = chooseColumns(files, options);

  // Hashing and reading both wait on the disk: they run side by side.
  const [fingerprint, samples] = await Promise.all([
    fingerprintFiles(
      names.map((name, i) => [isFolder ? relative(root, paths[i]!).split(sep).join("/") : "parquet", paths[i]!]),
      `columns ${showColumns(columns)}`,
    ),
    checkedSamples(files, columns),
  ]);
  if (samples.length === 0) throw new DatasetError(`${root}: no rows`);
  return {
    ...rowFormHead(root, "parquet", `parquet ${isFolder ? `files of ${root}` : `file ${root}`} (columns ${showColumns(columns)})`),
    instruction: DEFAULT_INSTRUCTION,
    samples,
    fingerprint,
    warnings: [],
  };
}

/**
 * Every row read and checked, a row group at a time (the next one read while this one is
 * checked): the samples, or every problem found.
 */
async function checkedSamples(files: readonly ParquetFile[], columns: Columns): Promise<Sample[]> {
  const problems = new Problems();
  const ids = new IdRegister();
  const cache = new RowGroupCache([columns.image, columns.html]);
  const samples: Sample[] = [];
  /** Every row group of every file, with the number of rows in the files before its own. */
  const groups: Array<{ file: ParquetFile; group: number; before: number }> = [];
  let before = 0;
  for (const file of files) {
    for (let group = 0; group < file.groups; group++) groups.push({ file, group, before });
    before += file.rows;
  }
  const read = (at: number) => (at < groups.length ? groups[at]!.file.readGroup(groups[at]!.group, Object.values(columns)) : undefined);
  let next = read(0);
  for (let at = 0; at < groups.length; at++) {
    const rows = await next!;
    next = read(at + 1);
    // A failed read ahead is reported when its turn comes (or not at all, when this group's problem ends the load first).
    next?.catch(() => undefined);
    const { file, group, before } = groups[at]!;
    rows.forEach((row, i) => {
      const number = file.groupStarts[group]! + i;
      const sample = checkRow(row, columns, { file: file.path, row: number, index: before + number }, ids, problems);
      if (sample) samples.push(rowSample(sample, file, number, columns, cache));
    });
  }
  problems.throwIfAny();
  return samples;
}

/** The column of each role, the same in every file, of a kind that role can be read from. */
function chooseColumns(files: readonly ParquetFile[], options: LoadOptions): Columns {
  const first = files[0]!;
  const present = [...first.columns.keys()];
  const columns = resolveColumns(first.path, ROLES, options.columns, present);
  // Without a column named image, the one Image struct (Hugging Face's feature) is the screenshot.
  if (columns.image === undefined) {
    const structs = present.filter((name) => first.columns.get(name) === "image-struct");
    if (structs.length === 1) columns.image = structs[0]!;
  }
  for (const role of ["image", "html"] as const) {
    if (columns[role] === undefined) {
      throw new DatasetError(`${first.path}: no ${role} column (columns: ${present.join(", ")}); name it with --columns ${role}=COLUMN`);
    }
  }
  for (const file of files) {
    for (const [role, column] of Object.entries(columns) as Array<[Role, string]>) {
      const kind = file.columns.get(column);
      if (kind === undefined) throw new DatasetError(`${file.path}: no column "${column}" (the ${role} column of ${first.path})`);
      if (!KINDS[role].includes(kind)) {
        throw new DatasetError(`${file.path}: column "${column}" holds ${KIND_WORDS[kind]}, not ${role === "image" ? "image bytes" : role === "id" ? "ids" : "text"}`);
      }
    }
  }
  // In role order, as messages and the fingerprint show them.
  const ordered = Object.fromEntries((Object.keys(ROLES) as Role[]).flatMap((role) => (columns[role] === undefined ? [] : [[role, columns[role]]])));
  return ordered as Columns;
}

const KIND_WORDS: Record<ColumnKind, string> = {
  "image-struct": "images",
  bytes: "bytes",
  text: "text",
  number: "numbers",
  other: "values of another type",
};

interface CheckedRow {
  id: string;
  description?: string;
}

/** A row's id and description when its image, HTML and id are what they claim; otherwise its problems, one per field. */
function checkRow(
  row: ParquetRow,
  columns: Columns,
  where: { file: string; row: number; index: number },
  ids: IdRegister,
  problems: Problems,
): CheckedRow | null {
  const before = problems.count;
  const at = `${where.file}: row ${where.row}`;
  const image = imageBytes(row[columns.image], columns.image);
  if ("problem" in image) problems.add(`${at}, field ${image.field}: ${image.problem}`);
  else {
    const bad = imageProblem(image.bytes);
    if (bad) problems.add(`${at}, field ${image.field}: ${bad}`);
  }
  const html = htmlText(row[columns.html]);
  if ("problem" in html) problems.add(`${at}, field ${columns.html}: ${html.problem}`);
  let id = String(where.index);
  if (columns.id !== undefined) {
    const value = row[columns.id];
    if (value === null || value === undefined) problems.add(`${at}, field ${columns.id}: no id (null)`);
    else id = String(value);
  }
  const duplicate = ids.problem(id, `row ${where.row} of ${where.file}`);
  if (duplicate) problems.add(`${at}, field ${columns.id ?? "(row number)"}: ${duplicate}`);
  if (problems.count > before) return null;
  const description = columns.description === undefined ? undefined : row[columns.description];
  return { id, ...(typeof description === "string" && description.trim() ? { description } : {}) };
}

/** The bytes of an image cell: Hugging Face's `{bytes, path}` struct, or plain bytes. */
function imageBytes(value: unknown, column: string): { bytes: Uint8Array; field: string } | { problem: string; field: string } {
  if (value instanceof Uint8Array) return { bytes: value, field: column };
  if (value === null || value === undefined) return { problem: "no image (null)", field: column };
  const { bytes, path } = value as { bytes?: unknown; path?: unknown };
  const field = `${column}.bytes`;
  if (bytes instanceof Uint8Array) return { bytes, field };
  if (typeof path === "string" && path) return { problem: `no bytes: the image is only a path (${JSON.stringify(path)}), not in the file`, field };
  return { problem: "no image (null)", field };
}

function htmlText(value: unknown): { text: string } | { problem: string } {
  if (value === null || value === undefined) return { problem: "no HTML (null)" };
  const decoded = typeof value === "string" ? { text: value } : decodeHtml(value as Uint8Array);
  if ("notUtf8" in decoded) return { problem: `reference HTML is not UTF-8 (${decoded.notUtf8})` };
  if (!decoded.text.trim()) return { problem: "empty HTML" };
  return decoded;
}

function rowSample(
  checked: CheckedRow,
  file: ParquetFile,
  row: number,
  columns: { image: string; html: string },
  cache: RowGroupCache,
): Sample {
  const cell = async (role: "image" | "html") => (await cache.row(file, row))[columns[role]];
  return {
    ...checked,
    tags: [],
    pagePath: rowPagePath(checked.id),
    // Copies: a cell may be a view into a whole decoded page, which the sample should not keep alive.
    readImage: async () => {
      const image = imageBytes(await cell("image"), columns.image);
      if ("problem" in image) throw new DatasetError(`${file.path}: row ${row}, field ${image.field}: ${image.problem} (changed since the dataset was loaded)`);
      return Buffer.from(image.bytes);
    },
    readHtml: async () => {
      const html = htmlText(await cell("html"));
      if ("problem" in html) throw new DatasetError(`${file.path}: row ${row}, field ${columns.html}: ${html.problem} (changed since the dataset was loaded)`);
      return html.text;
    },
  };
}
