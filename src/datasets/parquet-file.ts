import { stat, open } from "node:fs/promises";
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaTree } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { errorMessage, fsReason } from "../shared/index.js";
import { DatasetError } from "./errors.js";

/** What a top-level column holds, as far as a dataset cares. */
export type ColumnKind = "image-struct" | "bytes" | "text" | "number" | "other";

export type ParquetRow = Record<string, unknown>;

/**
 * One parquet file, read a row group at a time with only the columns asked for (its footer once):
 * memory holds a row group, never the file. Every codec parquet has is read (snappy, Hugging
 * Face's default; zstd, gzip, brotli, lz4 through hyparquet-compressors).
 */
export class ParquetFile {
  /** First row (in the file) of each row group, and one past the last row. */
  readonly groupStarts: number[];

  private constructor(
    readonly path: string,
    private readonly buffer: AsyncBuffer,
    private readonly metadata: FileMetaData,
    /** Top-level column name -> what it holds. */
    readonly columns: ReadonlyMap<string, ColumnKind>,
  ) {
    this.groupStarts = [0];
    for (const group of metadata.row_groups) this.groupStarts.push(this.groupStarts.at(-1)! + Number(group.num_rows));
  }

  static async open(path: string): Promise<ParquetFile> {
    let buffer: AsyncBuffer;
    try {
      buffer = await fileSlices(path);
    } catch (error) {
      throw new DatasetError(`${path}: cannot read (${fsReason(error)})`);
    }
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(buffer);
    } catch (error) {
      throw new DatasetError(`${path}: not a parquet file (${errorMessage(error)})`);
    }
    const columns = new Map(parquetSchema(metadata).children.map((column) => [column.element.name, kindOf(column)]));
    return new ParquetFile(path, buffer, metadata, columns);
  }

  get rows(): number {
    return this.groupStarts.at(-1)!;
  }

  get groups(): number {
    return this.groupStarts.length - 1;
  }

  /**
   * The rows of row group `group`, with `columns` only. Binary columns come as bytes (Hugging
   * Face's image bytes are unannotated binary), text columns as strings.
   */
  async readGroup(group: number, columns: readonly string[]): Promise<ParquetRow[]> {
    try {
      return await new Promise<ParquetRow[]>((resolve, reject) => {
        parquetRead({
          file: this.buffer,
          metadata: this.metadata,
          columns: [...columns],
          rowStart: this.groupStarts[group]!,
          rowEnd: this.groupStarts[group + 1]!,
          rowFormat: "object",
          utf8: false,
          compressors,
          onComplete: resolve,
        }).catch(reject);
      });
    } catch (error) {
      throw new DatasetError(`${this.path}: row group ${group} (rows ${this.groupStarts[group]}-${this.groupStarts[group + 1]! - 1}) cannot be read (${errorMessage(error)})`);
    }
  }

  /** Which row group holds `row`. */
  groupOf(row: number): number {
    let low = 0;
    let high = this.groups - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.groupStarts[middle]! <= row) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

/**
 * The file as hyparquet reads it: each slice (a footer, a column chunk) in one read. (hyparquet's
 * own file reader streams a slice in 64 KB chunks, which made reading 2-3 times slower here.)
 */
async function fileSlices(path: string): Promise<AsyncBuffer> {
  const { size } = await stat(path);
  return {
    byteLength: size,
    async slice(start: number, end = size): Promise<ArrayBuffer> {
      const bytes = new Uint8Array(Math.max(0, end - start));
      const handle = await open(path);
      try {
        for (let done = 0; done < bytes.length; ) {
          const { bytesRead } = await handle.read(bytes, done, bytes.length - done, start + done);
          if (bytesRead === 0) throw new Error(`the file ends at byte ${start + done}, before ${end}`);
          done += bytesRead;
        }
      } finally {
        await handle.close();
      }
      return bytes.buffer;
    },
  };
}

/** Hugging Face's Image feature is a struct `{bytes: binary, path: string}`; other columns are read as their type says. */
function kindOf(column: SchemaTree): ColumnKind {
  const { element, children } = column;
  if (children.length) {
    const bytes = children.find((child) => child.element.name === "bytes");
    return bytes && bytes.children.length === 0 && bytes.element.type === "BYTE_ARRAY" ? "image-struct" : "other";
  }
  if (element.type === "BYTE_ARRAY") {
    return element.converted_type === "UTF8" || element.logical_type?.type === "STRING" ? "text" : "bytes";
  }
  return element.type === "INT32" || element.type === "INT64" ? "number" : "other";
}

/**
 * Row groups read on demand for samples, two kept: a run takes samples in order, several at once
 * (fewer than a row group's rows), so they fall in the same group or the next. Memory stays at
 * two row groups.
 */
export class RowGroupCache {
  private readonly groups = new Map<string, Promise<ParquetRow[]>>();

  constructor(
    private readonly columns: readonly string[],
    private readonly keep = 2,
  ) {}

  async row(file: ParquetFile, row: number): Promise<ParquetRow> {
    const group = file.groupOf(row);
    const key = `${file.path}\0${group}`;
    let rows = this.groups.get(key);
    if (rows) {
      // Most recently used last: Map keeps insertion order.
      this.groups.delete(key);
    } else {
      rows = file.readGroup(group, this.columns);
      // A failed read is not kept: the next sample tries again.
      rows.catch(() => this.groups.delete(key));
    }
    this.groups.set(key, rows);
    while (this.groups.size > this.keep) this.groups.delete(this.groups.keys().next().value!);
    return (await rows)[row - file.groupStarts[group]!]!;
  }
}
