import type { SampleRecord } from "./records.js";

/**
 * The records of samples.jsonl text, in file order: each non-blank line a JSON object with a
 * string id. A line that is not calls `bad` with its 1-based number and what is wrong.
 */
export function parseSampleLines<T extends { id: string } = SampleRecord>(
  text: string,
  bad: (line: number, problem: string) => never,
): T[] {
  return text.split("\n").flatMap((line, index): T[] => {
    if (line.trim() === "") return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return bad(index + 1, `not valid JSON (${(error as Error).message})`);
    }
    if (!value || typeof value !== "object" || typeof (value as { id?: unknown }).id !== "string")
      return bad(index + 1, "a sample line needs a string id");
    return [value as T];
  });
}
