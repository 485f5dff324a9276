import { isUtf8 } from "node:buffer";
import type { z } from "zod";
import { BadInputError, type BadInputClass } from "./errors.js";
import { firstBadByte, readRegularFile } from "./fs.js";

/** `field samples.3.image: expected string`: where a schema problem is and what it is. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.length ? `field ${issue.path.map(String).join(".")}: ` : ""}${issue.message}`;
}

/** Parses JSON text; a byte order mark (as some Windows editors write) is not part of the JSON. */
export function parseJson(text: string, where: string, Bad: BadInputClass = BadInputError): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (error) {
    throw new Bad(`${where}: not valid JSON (${(error as Error).message})`);
  }
}

/** A value checked against a schema; the first problem is thrown as `where: field a.b: message`. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string, Bad: BadInputClass = BadInputError): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Bad(`${where}: ${describeIssue(parsed.error.issues[0]!)}`);
}

/** A JSON file read, parsed and checked; every problem names the file (`what` it is, e.g. "manifest"). */
export function readJsonFile<S extends z.ZodType>(file: string, what: string, schema: S, Bad: BadInputClass = BadInputError): z.output<S> {
  const bytes = readRegularFile(file, what, Bad);
  if (!isUtf8(bytes)) throw new Bad(`${file}: not UTF-8 text (${firstBadByte(bytes)})`);
  return parseWith(schema, parseJson(bytes.toString("utf8"), file, Bad), file, Bad);
}
