import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { importDataset, loadDataset, type Dataset, type LoadOptions } from "../../src/datasets/index.js";
import { makeDataset, tempDir, whitePng } from "../helpers/dataset.js";
import { writeParquet } from "../helpers/parquet.js";

const PAGES = ["<html><body><h1>a</h1></body></html>", "<html><body><h1>b \u00e9</h1></body></html>", "<html><body><h1>c</h1></body></html>"];
const PNGS = [whitePng(8, 8), whitePng(9, 8), whitePng(10, 8)];

/** What a sample is, whatever the form: what a run reads of it. */
async function content(dataset: Dataset) {
  return Promise.all(
    dataset.samples.map(async (s) => ({
      id: s.id,
      png: await s.readImage(),
      html: s.readHtml ? await s.readHtml() : undefined,
      description: s.description,
      question: s.question,
      answer: s.answer,
      category: s.category,
    })),
  );
}

/** Imports `spec` twice into fresh folders: both load with the source's samples, and with one fingerprint. */
async function importsFaithfully(spec: string, options: LoadOptions = {}): Promise<Dataset> {
  const source = await loadDataset(spec, options);
  const [a, b] = [join(tempDir("w2c-import-"), "out"), join(tempDir("w2c-import-"), "out")];
  const first = await importDataset(source, a);
  const second = await importDataset(await loadDataset(spec, options), b);
  const imported = await loadDataset(a);
  expect(first).toEqual({ root: a, id: source.id, fingerprint: imported.fingerprint, samples: source.samples.length, tasks: source.tasks });
  expect(second.fingerprint).toBe(first.fingerprint);
  expect(await content(imported)).toEqual(await content(source));
  expect({ ...imported, samples: [], fingerprint: "", root: "", assetRoot: "", withheldFiles: [] }).toEqual({
    ...source,
    samples: [],
    fingerprint: "",
    root: "",
    assetRoot: "",
    withheldFiles: [],
    options: {},
    format: "web2code",
  });
  expect(readdirSync(dirname(a))).toEqual(["out"]);
  return imported;
}

describe("datasets import: the tool's own folder format from any form", () => {
  it("a parquet file: pages/<id>.html, screenshots/<id>.png, dataset.json", async () => {
    const file = join(tempDir("w2c-parquet-"), "design2code.parquet");
    await writeParquet(file, { image: PNGS.map((bytes, i) => ({ bytes, path: `${i}.png` })), text: { text: PAGES } }, { rowGroupSize: 2 });
    const imported = await importsFaithfully(file);
    const root = imported.root;
    expect(readFileSync(join(root, "pages", "1.html"), "utf8")).toBe(PAGES[1]);
    expect(readFileSync(join(root, "screenshots", "2.png"))).toEqual(PNGS[2]);
    expect(JSON.parse(readFileSync(join(root, "dataset.json"), "utf8"))).toEqual({
      id: "design2code",
      version: "unversioned",
      description: `parquet file ${file} (columns image=image,html=text)`,
      licence: "unknown",
      viewport: { width: 1280, height: 720 },
      instruction: "Please generate html code for the given image",
      samples: [0, 1, 2].map((i) => ({ id: String(i), html: `pages/${i}.html`, image: `screenshots/${i}.png`, tags: [] })),
    });
  });

  it("a Web2Code JSONL: question samples without pages", async () => {
    const root = tempDir("w2c-jsonl-");
    writeFileSync(join(root, "web.png"), PNGS[0]!);
    const file = join(root, "eval.jsonl");
    writeFileSync(file, [{ image: "web.png", question_id: 7, Q: "Is it blue?", A: "No", category: "color" }].map((q) => JSON.stringify(q)).join("\n"));
    const imported = await importsFaithfully(file);
    expect(imported.tasks).toEqual(["qa"]);
    expect(JSON.parse(readFileSync(join(imported.root, "dataset.json"), "utf8")).samples).toEqual([
      { id: "7", image: "screenshots/7.png", tags: [], question: "Is it blue?", answer: "No", category: "color" },
    ]);
  });

  it("a Design2Code folder: pages where they were, so their relative URLs still find the assets", async () => {
    const root = tempDir("w2c-d2c-");
    for (const [i, html] of PAGES.entries()) {
      writeFileSync(join(root, `${i + 1}.html`), html.replace("</body>", '<img src="rick.jpg"></body>'));
      writeFileSync(join(root, `${i + 1}.png`), PNGS[i]!);
    }
    writeFileSync(join(root, "rick.jpg"), "placeholder");
    const imported = await importsFaithfully(root);
    expect(readdirSync(imported.root).sort()).toEqual(["1.html", "2.html", "3.html", "dataset.json", "rick.jpg", "screenshots"]);
    expect(imported.withheldFiles.map((file) => file.slice(imported.root.length + 1))).toEqual([
      "1.html",
      "screenshots/1.png",
      "2.html",
      "screenshots/2.png",
      "3.html",
      "screenshots/3.png",
    ]);
  });

  it("a web2code folder: the same samples, descriptions and assets", async () => {
    const root = makeDataset({ a: PAGES[0]!, b: PAGES[1]! });
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "assets", "site.css"), "h1 { color: red }");
    const imported = await importsFaithfully(root);
    expect(readFileSync(join(imported.root, "assets", "site.css"), "utf8")).toBe("h1 { color: red }");
  });

  it("writes nothing when a sample cannot be read, and goes only into a new or empty folder", async () => {
    const root = makeDataset({ a: PAGES[0]!, b: PAGES[1]! });
    const source = await loadDataset(root);
    // The second page became a folder after loading: the import fails part way, after the first sample.
    rmSync(join(root, "pages", "b.html"));
    mkdirSync(join(root, "pages", "b.html"));
    const parent = tempDir("w2c-import-");
    const out = join(parent, "out");
    await expect(importDataset(source, out)).rejects.toThrow(`${out}: cannot import (a folder stands where a file should be, EISDIR)`);
    expect(readdirSync(parent)).toEqual([]);

    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "mine");
    await expect(importDataset(source, out)).rejects.toThrow(`${out}: folder is not empty; choose another --out`);
    await expect(importDataset(source, join(out, "notes.txt"))).rejects.toThrow(`${join(out, "notes.txt")}: not a folder; choose another --out`);
    expect(readdirSync(out)).toEqual(["notes.txt"]);
    expect(existsSync(join(parent, "out", "dataset.json"))).toBe(false);
  });
});
