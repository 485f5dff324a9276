import { writeFileSync } from "node:fs";
import { Zstd } from "@hpcc-js/wasm-zstd";
import { parquetWriteBuffer, type ColumnSource } from "hyparquet-writer";

/** The writer's schema element (it pins its own hyparquet, whose types may differ from the reader's). */
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]["schema"]>[number];

/** Hugging Face's Image feature as it is stored: a struct of the encoded file and its name. */
export interface ImageCell {
  bytes: Uint8Array | null;
  path: string | null;
}

export interface ParquetColumns {
  /** Stored as Hugging Face stores an Image feature (`{bytes, path}`), or as plain binary when `imageAs` is "bytes". */
  image?: Array<ImageCell | null>;
  /** Text (UTF-8 annotated) columns by name, e.g. `text` for the HTML. */
  text?: Record<string, Array<string | null>>;
  /** Binary columns without annotation, by name. */
  binary?: Record<string, Array<Uint8Array | null>>;
  /** INT64 columns by name. */
  int64?: Record<string, Array<bigint | null>>;
}

export interface ParquetWriteOptions {
  imageColumn?: string;
  imageAs?: "struct" | "bytes";
  /** Rows per row group (Hugging Face writes 100 for image datasets). */
  rowGroupSize?: number;
  codec?: "SNAPPY" | "ZSTD" | "UNCOMPRESSED";
}

let zstd: Zstd | undefined;

/**
 * Writes a real parquet file with hyparquet-writer: the image column as Hugging Face's nested
 * struct `{bytes: binary, path: string}` (an explicit schema, which the writer supports), the
 * other columns flat. zstd pages are compressed by the reference zstd library (its WebAssembly
 * build), so the reader meets what pyarrow's zstd writes.
 */
export async function writeParquet(file: string, columns: ParquetColumns, options: ParquetWriteOptions = {}): Promise<void> {
  const imageColumn = options.imageColumn ?? "image";
  const columnData: ColumnSource[] = [];
  const schema: SchemaElement[] = [];
  if (columns.image) {
    if (options.imageAs === "bytes") {
      columnData.push({ name: imageColumn, data: columns.image.map((cell) => cell?.bytes ?? null) });
      schema.push({ name: imageColumn, type: "BYTE_ARRAY", repetition_type: "OPTIONAL" });
    } else {
      columnData.push({ name: imageColumn, data: columns.image });
      schema.push(
        { name: imageColumn, repetition_type: "OPTIONAL", num_children: 2 },
        { name: "bytes", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
        { name: "path", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      );
    }
  }
  for (const [name, data] of Object.entries(columns.text ?? {})) {
    columnData.push({ name, data });
    schema.push({ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" });
  }
  for (const [name, data] of Object.entries(columns.binary ?? {})) {
    columnData.push({ name, data });
    schema.push({ name, type: "BYTE_ARRAY", repetition_type: "OPTIONAL" });
  }
  for (const [name, data] of Object.entries(columns.int64 ?? {})) {
    columnData.push({ name, data });
    schema.push({ name, type: "INT64", repetition_type: "OPTIONAL" });
  }
  const codec = options.codec ?? "SNAPPY";
  if (codec === "ZSTD") zstd ??= await Zstd.load();
  const buffer = parquetWriteBuffer({
    columnData,
    schema: [{ name: "root", num_children: columnData.length }, ...schema],
    codec,
    ...(codec === "ZSTD" ? { compressors: { ZSTD: (bytes: Uint8Array) => zstd!.compress(bytes) } } : {}),
    ...(options.rowGroupSize ? { rowGroupSize: options.rowGroupSize } : {}),
  });
  writeFileSync(file, Buffer.from(buffer));
}
