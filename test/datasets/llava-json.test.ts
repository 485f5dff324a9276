import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatasetError, DatasetProblems, loadDataset } from "../../src/datasets/index.js";
import { tempDir, whitePng } from "../helpers/dataset.js";

const ASK = "<image>\nPlease generate html code for the given image";
const PAGES = ["<html><body><h1>one</h1></body></html>", "<html><body><h1>two</h1></body></html>"];
const PNGS = [whitePng(14, 8), whitePng(15, 8)];
const record = (i: number, overrides: Record<string, unknown> = {}) => ({
  id: `w2c_${i}`,
  image: `images/${i}.png`,
  conversations: [
    { from: "human", value: ASK },
    { from: "gpt", value: PAGES[i] },
  ],
  ...overrides,
});

/** A LLaVA JSON array as Web2Code's data ships it, with its images in images/ beside it. */
function llava(records: unknown): string {
  const root = tempDir("w2c-llava-");
  mkdirSync(join(root, "images"));
  for (const [i, png] of PNGS.entries()) writeFileSync(join(root, "images", `${i}.png`), png);
  const file = join(root, "web2code_eval.json");
  writeFileSync(file, JSON.stringify(records));
  return file;
}

async function refusal(file: string): Promise<DatasetError> {
  try {
    await loadDataset(file);
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
  throw new Error(`${file} loaded`);
}

describe("LLaVA conversation JSON (Web2Code's image2html data)", () => {
  it("takes the first gpt turn as the reference page and the human turn's text as the instruction", async () => {
    const file = llava([record(0), record(1)]);
    const dataset = await loadDataset(file);
    expect(dataset).toMatchObject({ id: "web2code_eval", format: "llava-json", tasks: ["image2html"], instruction: "Please generate html code for the given image" });
    expect(dataset.samples.map((s) => s.id)).toEqual(["w2c_0", "w2c_1"]);
    expect(await dataset.samples[1]!.readHtml!()).toBe(PAGES[1]);
    expect(await dataset.samples[0]!.readImage()).toEqual(PNGS[0]);
    const hash = createHash("sha256");
    const json = readFileSync(file);
    hash.update(`json\0${json.length}\0`).update(json);
    for (const i of [0, 1]) hash.update(`images/${i}.png\0${PNGS[i]!.length}\0`).update(PNGS[i]!);
    expect(dataset.fingerprint).toBe(`sha256:${hash.digest("hex")}`);
  });

  const broken: Array<[string, unknown, string]> = [
    ["an object, not an array", { data: [record(0)] }, ": not a JSON array of LLaVA conversation records"],
    ["an empty array", [], ": no records"],
    ["a record that is a string", [record(0), "x"], ": row 1: not a JSON object"],
    ["no image", [record(0, { image: undefined })], ": row 0, field image: missing"],
    ["no <image> in the human turn", [record(0, { conversations: [{ from: "human", value: "make html" }, { from: "gpt", value: PAGES[0] }] })], ": row 0, field conversations: no human turn holding <image>"],
    ["no gpt turn", [record(1, { conversations: [{ from: "human", value: ASK }] })], ": row 0, field conversations: no gpt turn holding the HTML"],
    ["conversations that are not a list", [record(0, { conversations: "hi" })], ": row 0, field conversations: expected an array of turns"],
    ["a repeated id", [record(0), record(1, { id: "w2c_0" })], ': row 1, field id: duplicate id "w2c_0" (first at row 0)'],
  ];

  it.each(broken)("refuses %s, naming the file, the row and the field", async (_name, records, problem) => {
    const file = llava(records);
    const error = await refusal(file);
    expect(error.message.startsWith(`${file}${problem}`), error.message).toBe(true);
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it("lists every bad record at once", async () => {
    const file = llava([record(0, { image: "images/9.png" }), record(1, { conversations: [] })]);
    expect(((await refusal(file)) as DatasetProblems).problems).toEqual([
      `${file}: row 0, field image: no image ${join(file, "..", "images", "9.png")}`,
      `${file}: row 1, field conversations: no human turn holding <image>`,
    ]);
  });
});
