import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatasetError, DatasetProblems, loadDataset, type LoadOptions } from "../../src/datasets/index.js";
import { tempDir, whitePng } from "../helpers/dataset.js";

/** Pages with what makes a TSV field need quoting: tabs, newlines, quotes (pandas' QUOTE_MINIMAL). */
const PAGES = [
  '<!DOCTYPE html>\n<html>\n<body class="a">\t<p>one</p></body></html>',
  "<html><body><p>two \u00fc</p></body></html>",
  '<html><body><p title="x ""y""">three</p>\r\n</body></html>',
];
const PNGS = [whitePng(9, 7), whitePng(10, 7), whitePng(11, 7)];
const PROMPT = "You are an expert web developer. Return one HTML file that reproduces the screenshot.";
const HEADER = ["index", "image", "question", "img_fname", "html"];

/** A field as pandas' `to_csv(sep="\t")` writes it: quoted, quotes doubled, when it holds a tab, newline or quote. */
function field(value: string): string {
  return /[\t\r\n"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function tsv(rows: string[][], header = HEADER): string {
  return [header, ...rows].map((row) => row.map(field).join("\t")).join("\n") + "\n";
}

const ROWS = (): string[][] => PAGES.map((html, i) => [String(i), PNGS[i]!.toString("base64"), PROMPT, `${i + 1}.png`, html]);

function tsvFile(text: string): string {
  const file = join(tempDir("w2c-tsv-"), "Design2Code.tsv");
  writeFileSync(file, text);
  return file;
}

async function refusal(file: string, options: LoadOptions = {}): Promise<DatasetError> {
  try {
    await loadDataset(file, options);
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
  throw new Error(`${file} loaded`);
}

describe("VLMEvalKit's Design2Code TSV", () => {
  it("reads index, base64 image, question and html; each record again on demand", async () => {
    const file = tsvFile(tsv(ROWS()));
    const dataset = await loadDataset(file);
    expect(dataset).toMatchObject({ id: "Design2Code", format: "vlmevalkit-tsv", assetRoot: null, instruction: PROMPT, tasks: ["image2html"], warnings: [] });
    expect(dataset.samples.map((s) => s.id)).toEqual(["0", "1", "2"]);
    for (const i of [2, 0, 1]) {
      expect(await dataset.samples[i]!.readHtml!()).toBe(PAGES[i]);
      expect(await dataset.samples[i]!.readImage()).toEqual(PNGS[i]);
    }
    const bytes = readFileSync(file);
    const byHand = createHash("sha256").update(`tsv\0${bytes.length}\0`).update(bytes).update("\0reading\0columns id=index,image=image,html=html,instruction=question");
    expect(dataset.fingerprint).toBe(`sha256:${byHand.digest("hex")}`);
  });

  it("takes ids from another column with --columns, and resolves an image given as the index of the row that holds it", async () => {
    const rows = ROWS();
    rows[2]![1] = "0";
    const dataset = await loadDataset(tsvFile(tsv(rows)), { columns: { id: "img_fname" } });
    expect(dataset.samples.map((s) => s.id)).toEqual(["1.png", "2.png", "3.png"]);
    expect(await dataset.samples[2]!.readImage()).toEqual(PNGS[0]);
  });

  it("asks Web2Code's instruction, and says so, when the rows ask different ones", async () => {
    const rows = ROWS();
    rows[1]![2] = "Something else";
    const file = tsvFile(tsv(rows));
    const dataset = await loadDataset(file);
    expect(dataset.instruction).toBe("Please generate html code for the given image");
    expect(dataset.warnings).toEqual([`${file}: rows give 2 different instructions; every sample is asked "Please generate html code for the given image"`]);
  });

  const broken: Array<[string, (rows: string[][]) => string, string]> = [
    ["no html column", (rows) => tsv(rows.map((row) => row.slice(0, 4)), HEADER.slice(0, 4)), ": no html column (columns: index, image, question, img_fname); name it with --columns html=COLUMN"],
    ["a record with a field too few", (rows) => tsv([rows[0]!, rows[1]!.slice(0, 4), rows[2]!]), ": row 1: 4 fields, the header has 5"],
    ["an image that is not base64", (rows) => ((rows[1]![1] = `${rows[1]![1]}!!`.padEnd(80, "#")), tsv(rows)), ": row 1, field image: not base64 (a character outside A-Z, a-z, 0-9, +, /)"],
    ["base64 of a GIF", (rows) => ((rows[0]![1] = Buffer.from("GIF89a".padEnd(90, "\0")).toString("base64")), tsv(rows)), ": row 0, field image: not a PNG file"],
    ["an image referring to no row", (rows) => ((rows[2]![1] = "7"), tsv(rows)), ': row 2, field image: neither an image nor the index of a row with one ("7")'],
    ["an empty page", (rows) => ((rows[1]![4] = "  "), tsv(rows)), ": row 1, field html: empty HTML"],
    ["a repeated index", (rows) => ((rows[2]![0] = "0"), tsv(rows)), ': row 2, field index: duplicate id "0" (first at row 0)'],
    ["an empty file", () => "", ": empty (no header line)"],
    ["a header alone", () => tsv([]), ": no rows below the header"],
  ];

  it.each(broken)("refuses %s, naming the file, the row and the field", async (_name, make, problem) => {
    const file = tsvFile(make(ROWS()));
    const error = await refusal(file);
    expect(error.message.startsWith(`${file}${problem}`), error.message).toBe(true);
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it("lists every bad record at once", async () => {
    const rows = ROWS();
    rows[0]![4] = "";
    rows[2]![1] = Buffer.from("x".repeat(80)).toString("base64");
    const file = tsvFile(tsv(rows));
    expect(((await refusal(file)) as DatasetProblems).problems).toEqual([`${file}: row 0, field html: empty HTML`, `${file}: row 2, field image: not a PNG file`]);
  });
});
