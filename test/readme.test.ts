import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MODEL_SPEC_FORMS } from "../src/model/index.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** The lines of the first Markdown table after `heading`, up to the first line that is not a row. */
function firstTable(heading: string): string[] {
  const after = README.slice(README.indexOf(`\n${heading}\n`) + heading.length + 2).split("\n");
  const start = after.findIndex((line) => line.startsWith("|"));
  const end = after.findIndex((line, i) => i > start && !line.startsWith("|"));
  return after.slice(start, end);
}

describe("README", () => {
  it("lists every model spec form in one table (a blank line would split it, and the rows after it would not render)", () => {
    const rows = firstTable("### Model specs");
    expect(rows.slice(0, 2)).toEqual(["| spec | meaning |", "| --- | --- |"]);
    // `reference, blank, boxes, replay:PDIR, openai:MODEL@BASE_URL, llama-server:GGUF, llama:GGUF`
    const forms = MODEL_SPEC_FORMS.split(", each")[0]!.split(", ");
    expect(rows.slice(2).map((row) => /^\| `([^`?]+)/.exec(row)?.[1])).toEqual(forms);
  });

  it("has the exit-code table, with the codes a CI job acts on", () => {
    const rows = firstTable("Exit codes, for a CI job to act on:");
    expect(rows.slice(2).map((row) => row.split(" | ")[0])).toEqual(["| 0", "| 1", "| 2", "| 100", "| 130, 143"]);
  });
});
