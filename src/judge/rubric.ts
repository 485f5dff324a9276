import { createHash } from "node:crypto";
import { isUtf8 } from "node:buffer";
import { fileURLToPath } from "node:url";
import { BadInputError, readRegularFile } from "../shared/index.js";
import { QUESTION_COUNT } from "./groups.js";

/** The package's own rubric: two levels up from both src/judge and dist/judge. */
export const BUILTIN_RUBRIC = fileURLToPath(new URL("../../rubrics/wcgb.md", import.meta.url));
/** The rubric goes into every judge request: a file this large is a mistake, not a rubric. */
const MAX_RUBRIC_BYTES = 64 * 1024;
/** A numbered question: `1. ...` or `1) ...` at the start of a line. */
const QUESTION_LINE = /^[ \t]*(\d+)[.)][ \t]+\S/gm;

/** A `--rubric FILE` that cannot be used. */
export class RubricError extends BadInputError {}

export interface Rubric {
  /** The text sent to the judge, before the reply format the judge adds. */
  text: string;
  /** sha256 of the file's bytes: recorded in provenance and part of every judge cache key. */
  sha256: string;
  /** The file it came from; `builtin` for the package's own. */
  source: string;
}

/**
 * Reads and checks a rubric file (the package's own when none is given): UTF-8 text of at most
 * 64 KiB holding exactly ten numbered questions, `1.` to `10.` in order (the judge's reply is
 * read as ten scores in that order). Markdown headings and other lines are free.
 */
export function loadRubric(file?: string): Rubric {
  const path = file ?? BUILTIN_RUBRIC;
  const bytes = readRegularFile(path, "rubric", RubricError);
  if (bytes.length > MAX_RUBRIC_BYTES)
    throw new RubricError(`${path}: a rubric of ${bytes.length} bytes is over the limit of ${MAX_RUBRIC_BYTES}`);
  if (!isUtf8(bytes)) throw new RubricError(`${path}: the rubric is not UTF-8 text`);
  const text = bytes
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trim();
  const numbers = [...text.matchAll(QUESTION_LINE)].map((match) => Number(match[1]));
  const expected = Array.from({ length: QUESTION_COUNT }, (_, i) => i + 1);
  if (numbers.join() !== expected.join())
    throw new RubricError(
      `${path}: a rubric must number its ${QUESTION_COUNT} questions 1. to ${QUESTION_COUNT}. in order, one per line; found ${numbers.length ? numbers.join(", ") : "no numbered lines"}`,
    );
  return { text, sha256: createHash("sha256").update(bytes).digest("hex"), source: file ?? "builtin" };
}
