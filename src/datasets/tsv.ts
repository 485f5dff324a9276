import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse, type Options } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { errorMessage } from "../shared/index.js";
import { IdRegister, imageProblem } from "./check.js";
import { resolveColumns, showColumns } from "./columns.js";
import { DatasetError, Problems } from "./errors.js";
import { fingerprintFiles } from "./fingerprint.js";
import { rowFormHead, rowPagePath, sharedInstruction, type LoadedForm } from "./form.js";
import type { LoadOptions, Sample } from "./types.js";

/** VLMEvalKit's columns: `index`, base64 `image`, `question` (the prompt), `html`. */
const ROLES = { id: ["index"], image: ["image"], html: ["html"], instruction: ["question"] } as const;

/** pandas' `to_csv(sep="\t")`: fields holding tabs, newlines or quotes are quoted, quotes doubled. */
const TSV: Options = { delimiter: "\t", quote: '"', relax_quotes: true, relax_column_count: true, bom: true, skip_empty_lines: true };

/**
 * VLMEvalKit's value for an image shown before: the `index` of the row that holds it (a short
 * value, where base64 of a real image is long), as its loader resolves it.
 */
const MAX_IMAGE_REFERENCE = 64;

interface TsvRow {
  id: string;
  /** What another row's image names this row by: its `index` (VLMEvalKit's), else its id. */
  key: string;
  /** Bytes of the record in the file. */
  start: number;
  end: number;
  /** The row whose record holds this row's image (itself, or the one its image refers to). */
  imageRow: number;
}

/**
 * VLMEvalKit's Design2Code TSV: one record per sample with the screenshot as base64. Read once,
 * streamed, to check every record and note where it lies; a sample reads its record again on demand.
 */
export async function loadTsv(file: string, options: LoadOptions): Promise<LoadedForm> {
  const problems = new Problems();
  const ids = new IdRegister();
  const rows: TsvRow[] = [];
  const instructions = new Set<string>();
  /** Rows whose image is a reference to another row, by row number -> the index it names. */
  const references = new Map<number, string>();
  let header: string[] | undefined;
  let columns: Record<"id" | "image" | "html", number> & { instruction?: number } = { id: 0, image: 0, html: 0 };
  let indexColumn = -1;
  let previousEnd = 0;
  try {
    for await (const { record, info } of createReadStream(file).pipe(parse({ ...TSV, info: true })) as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      const start = previousEnd;
      previousEnd = info.bytes;
      if (!header) {
        header = record;
        columns = columnPositions(file, header, options);
        indexColumn = header.indexOf(ROLES.id[0]);
        continue;
      }
      const number = rows.length;
      const at = `${file}: row ${number}`;
      if (record.length !== header.length) {
        problems.add(`${at}: ${record.length} fields, the header has ${header.length}`);
        rows.push({ id: "", key: "", start, end: info.bytes, imageRow: number });
        continue;
      }
      const field = (role: keyof typeof columns) => record[columns[role]!]!;
      const id = field("id");
      const duplicate = ids.problem(id, `row ${number}`);
      if (duplicate) problems.add(`${at}, field ${header[columns.id]}: ${duplicate}`);
      const image = field("image");
      if (image.length <= MAX_IMAGE_REFERENCE) references.set(number, image);
      else {
        const bad = base64Problem(image) ?? imageProblem(Buffer.from(image, "base64"));
        if (bad) problems.add(`${at}, field ${header[columns.image]}: ${bad}`);
      }
      if (!field("html").trim()) problems.add(`${at}, field ${header[columns.html]}: empty HTML`);
      if (columns.instruction !== undefined) instructions.add(field("instruction"));
      rows.push({ id, key: indexColumn === -1 ? id : record[indexColumn]!, start, end: info.bytes, imageRow: number });
    }
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(`${file}: not a TSV file VLMEvalKit writes (${errorMessage(error)})`);
  }
  if (!header) throw new DatasetError(`${file}: empty (no header line)`);
  if (rows.length === 0) problems.add(`${file}: no rows below the header`);
  const byKey = new Map(rows.map((row, number) => [row.key, number]));
  for (const [number, target] of references) {
    const holder = byKey.get(target);
    if (holder === undefined || references.has(holder)) {
      problems.add(`${file}: row ${number}, field ${header[columns.image]}: neither an image nor the index of a row with one (${JSON.stringify(target)})`);
    } else rows[number]!.imageRow = holder;
  }
  problems.throwIfAny();

  const warnings: string[] = [];
  const given = header;
  const read = (row: TsvRow, role: "image" | "html") => readField(file, row, given.length, columns[role]);
  const samples = rows.map(
    (row): Sample => ({
      id: row.id,
      tags: [],
      pagePath: rowPagePath(row.id),
      readImage: async () => Buffer.from(await read(rows[row.imageRow]!, "image"), "base64"),
      readHtml: () => read(row, "html"),
    }),
  );
  const named = Object.fromEntries(Object.entries(columns).map(([role, at]) => [role, given[at]!]));
  return {
    ...rowFormHead(file, "vlmevalkit-tsv", `VLMEvalKit TSV ${file}`),
    instruction: sharedInstruction(instructions, file, warnings),
    samples,
    fingerprint: await fingerprintFiles([["tsv", file]], `columns ${showColumns(named)}`),
    warnings,
  };
}

function columnPositions(file: string, header: string[], options: LoadOptions): Record<"id" | "image" | "html", number> & { instruction?: number } {
  const named = resolveColumns(file, ROLES, options.columns, header);
  for (const role of ["id", "image", "html"] as const) {
    if (named[role] === undefined) throw new DatasetError(`${file}: no ${role} column (columns: ${header.join(", ")}); name it with --columns ${role}=COLUMN`);
  }
  const at = (name: string | undefined) => (name === undefined ? undefined : header.indexOf(name));
  const instruction = at(named.instruction);
  return { id: at(named.id)!, image: at(named.image)!, html: at(named.html)!, ...(instruction === undefined ? {} : { instruction }) };
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

function base64Problem(text: string): string | null {
  return BASE64.test(text) ? null : "not base64 (a character outside A-Z, a-z, 0-9, +, /)";
}

/** One field of one record, read from where the record lies in the file. */
async function readField(file: string, row: TsvRow, width: number, column: number): Promise<string> {
  const handle = await open(file);
  try {
    const bytes = Buffer.alloc(row.end - row.start);
    await handle.read(bytes, 0, bytes.length, row.start);
    const [record] = parseSync(bytes, TSV) as string[][];
    if (record?.length !== width) throw new DatasetError(`${file}: the record of sample ${row.id} changed since the dataset was loaded`);
    return record[column]!;
  } finally {
    await handle.close();
  }
}
