import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatasetError, DatasetProblems, loadDataset, type Dataset, type LoadOptions } from "../../src/datasets/index.js";
import { tempDir, whitePng } from "../helpers/dataset.js";
import { writeParquet, type ImageCell, type ParquetColumns, type ParquetWriteOptions } from "../helpers/parquet.js";

/** Five pages and five screenshots that differ (each PNG its own size), as Design2Code-hf stores them. */
const PAGES = [0, 1, 2, 3, 4].map((i) => `<!DOCTYPE html><html><body><h1>page ${i}</h1><p>caf\u00e9 ${"x".repeat(i)}</p></body></html>`);
const PNGS = [0, 1, 2, 3, 4].map((i) => whitePng(8 + i, 6 + i));
const images = (): ImageCell[] => PNGS.map((bytes, i) => ({ bytes, path: `${i}.png` }));

async function parquetFile(columns: ParquetColumns, options: ParquetWriteOptions = {}, name = "test-00000-of-00001.parquet"): Promise<string> {
  const file = join(tempDir("w2c-parquet-"), name);
  await writeParquet(file, columns, options);
  return file;
}

/** Every sample's screenshot and page, read the way a run reads them (out of order: the row group cache must not mix rows up). */
async function contents(dataset: Dataset): Promise<Array<{ id: string; png: Buffer; html: string }>> {
  const order = [...dataset.samples.keys()].reverse();
  const read = new Map<number, { id: string; png: Buffer; html: string }>();
  for (const i of order) {
    const sample = dataset.samples[i]!;
    read.set(i, { id: sample.id, png: await sample.readImage(), html: await sample.readHtml!() });
  }
  return [...read.entries()].sort(([a], [b]) => a - b).map(([, value]) => value);
}

const expected = PAGES.map((html, i) => ({ id: String(i), png: PNGS[i]!, html }));

async function refusal(spec: string, options: LoadOptions = {}): Promise<DatasetError> {
  try {
    await loadDataset(spec, options);
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
  throw new Error(`${spec} loaded`);
}

describe("parquet datasets as Hugging Face ships them", () => {
  it("reads the Image struct {bytes, path} and the text column, a row group at a time (snappy, 3 row groups)", async () => {
    const file = await parquetFile({ image: images(), text: { text: PAGES } }, { rowGroupSize: 2 });
    const dataset = await loadDataset(file);
    expect(dataset).toMatchObject({
      id: "test-00000-of-00001",
      format: "parquet",
      root: file,
      assetRoot: null,
      withheldFiles: [],
      viewport: { width: 1280, height: 720 },
      instruction: "Please generate html code for the given image",
      tasks: ["image2html"],
      warnings: [],
      options: {},
    });
    expect(dataset.samples.map((s) => s.pagePath)).toEqual(["pages/0.html", "pages/1.html", "pages/2.html", "pages/3.html", "pages/4.html"]);
    expect(await contents(dataset)).toEqual(expected);
  });

  it("fingerprints the file's bytes and the columns read: sha256 of 'parquet', size, bytes, then how it was read", async () => {
    const file = await parquetFile({ image: images(), text: { text: PAGES } });
    const bytes = readFileSync(file);
    const byHand = createHash("sha256")
      .update(`parquet\0${bytes.length}\0`)
      .update(bytes)
      .update("\0reading\0columns image=image,html=text")
      .digest("hex");
    expect((await loadDataset(file)).fingerprint).toBe(`sha256:${byHand}`);
    // The same columns named by hand read the same: the same fingerprint.
    expect((await loadDataset(file, { columns: { html: "text" } })).fingerprint).toBe(`sha256:${byHand}`);
  });

  it("reads zstd pages (compressed by the zstd library itself) the same", async () => {
    const file = await parquetFile({ image: images(), text: { text: PAGES } }, { codec: "ZSTD", rowGroupSize: 3 });
    expect(await contents(await loadDataset(file))).toEqual(expected);
  });

  it("reads plain binary images and unannotated binary HTML (checked to be UTF-8)", async () => {
    const file = await parquetFile({ image: images(), binary: { html: PAGES.map((page) => Buffer.from(page)) } }, { imageAs: "bytes" });
    expect(await contents(await loadDataset(file))).toEqual(expected);
  });

  it("reads a folder of shards in name order (data/ of a dataset repository), ids numbering rows over all of them", async () => {
    const root = tempDir("w2c-parquet-repo-");
    mkdirSync(join(root, "data"));
    writeFileSync(join(root, "README.md"), "# a dataset card");
    await writeParquet(join(root, "data", "train-00001-of-00002.parquet"), { image: images().slice(3), text: { text: PAGES.slice(3) } });
    await writeParquet(join(root, "data", "train-00000-of-00002.parquet"), { image: images().slice(0, 3), text: { text: PAGES.slice(0, 3) } });
    const dataset = await loadDataset(root);
    expect(dataset.format).toBe("parquet");
    expect(await contents(dataset)).toEqual(expected);
    const shards = ["data/train-00000-of-00002.parquet", "data/train-00001-of-00002.parquet"];
    const hash = createHash("sha256");
    for (const shard of shards) {
      const bytes = readFileSync(join(root, shard));
      hash.update(`${shard}\0${bytes.length}\0`).update(bytes);
    }
    expect(dataset.fingerprint).toBe(`sha256:${hash.update("\0reading\0columns image=image,html=text").digest("hex")}`);
  });

  it("finds columns by their usual names, the one Image struct by its type, and takes --columns for others", async () => {
    const file = await parquetFile(
      {
        image: images(),
        text: { code: PAGES, llm_generated_idea: PAGES.map((_, i) => `a page about ${i}`), key: ["a", "b", "c", "d", "e"] },
      },
      { imageColumn: "screenshot" },
    );
    const detected = await loadDataset(file);
    expect(await contents(detected)).toEqual(expected);
    expect(detected.samples.map((s) => s.description)).toEqual(PAGES.map((_, i) => `a page about ${i}`));
    expect(detected.tasks).toEqual(["image2html", "text2html"]);
    expect(detected.description).toMatch(/\(columns image=screenshot,html=code,description=llm_generated_idea\)$/);
    const keyed = await loadDataset(file, { columns: { id: "key", html: "code", description: "key" } });
    expect(keyed.samples.map((s) => [s.id, s.description])).toEqual([...["a", "b", "c", "d", "e"]].map((k) => [k, k]));
    expect(keyed.options).toEqual({ columns: { id: "key", html: "code", description: "key" } });
    expect(keyed.fingerprint).not.toBe(detected.fingerprint);
  });

  it("takes ids from an INT64 id column", async () => {
    const file = await parquetFile({ image: images(), text: { text: PAGES }, int64: { id: [10n, 11n, 12n, 13n, 14n] } });
    expect((await loadDataset(file)).samples.map((s) => s.id)).toEqual(["10", "11", "12", "13", "14"]);
  });
});

describe("bad parquet input: one line naming the file, the row and the field", () => {
  const broken: Array<[string, () => Promise<{ file: string; options?: LoadOptions }>, string]> = [
    [
      "no HTML column",
      async () => ({ file: await parquetFile({ image: images(), text: { caption: PAGES } }) }),
      ": no html column (columns: image, caption); name it with --columns html=COLUMN",
    ],
    [
      "no image column",
      async () => ({ file: await parquetFile({ text: { text: PAGES }, binary: { a: PNGS, b: PNGS } }) }),
      ": no image column (columns: text, a, b); name it with --columns image=COLUMN",
    ],
    [
      "a --columns column the file lacks",
      async () => ({ file: await parquetFile({ image: images(), text: { text: PAGES } }), options: { columns: { html: "html" } } }),
      ': no column "html" (given as --columns html=html; columns: image, text)',
    ],
    [
      "an HTML column of numbers",
      async () => ({ file: await parquetFile({ image: images(), int64: { text: [1n, 2n, 3n, 4n, 5n] } }) }),
      ': column "text" holds numbers, not text',
    ],
    [
      "an image column of text",
      async () => ({ file: await parquetFile({ text: { text: PAGES, image: PAGES } }) }),
      ': column "image" holds text, not image bytes',
    ],
    [
      "a null image",
      async () => ({ file: await parquetFile({ image: images().map((cell, i) => (i === 3 ? null : cell)), text: { text: PAGES } }, { rowGroupSize: 2 }) }),
      ": row 3, field image: no image (null)",
    ],
    [
      "an image stored as a path only",
      async () => ({ file: await parquetFile({ image: images().map((cell, i) => (i === 1 ? { bytes: null, path: "shots/1.png" } : cell)), text: { text: PAGES } }) }),
      ': row 1, field image.bytes: no bytes: the image is only a path ("shots/1.png"), not in the file',
    ],
    [
      "a JPEG where a PNG should be",
      async () => ({
        file: await parquetFile({ image: images().map((cell, i) => (i === 2 ? { bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), path: "2.jpg" } : cell)), text: { text: PAGES } }),
      }),
      ": row 2, field image.bytes: not a PNG file",
    ],
    [
      "a truncated PNG",
      async () => ({ file: await parquetFile({ image: images().map((cell, i) => (i === 4 ? { bytes: PNGS[4]!.subarray(0, 60), path: "4.png" } : cell)), text: { text: PAGES } }) }),
      ": row 4, field image.bytes: PNG is truncated (no IEND chunk)",
    ],
    [
      "a null page",
      async () => ({ file: await parquetFile({ image: images(), text: { text: PAGES.map((page, i) => (i === 0 ? null : page)) } }) }),
      ": row 0, field text: no HTML (null)",
    ],
    [
      "an empty page",
      async () => ({ file: await parquetFile({ image: images(), text: { text: PAGES.map((page, i) => (i === 1 ? " \n" : page)) } }) }),
      ": row 1, field text: empty HTML",
    ],
    [
      "binary HTML that is not UTF-8",
      async () => ({
        file: await parquetFile({ image: images(), binary: { html: PAGES.map((page, i) => (i === 2 ? Buffer.from("<p>caf\u00e9</p>", "latin1") : Buffer.from(page))) } }),
      }),
      ": row 2, field html: reference HTML is not UTF-8 (byte 6)",
    ],
    [
      "a repeated id",
      async () => ({ file: await parquetFile({ image: images(), text: { text: PAGES, id: ["a", "b", "a", "c", "d"] } }) }),
      ': row 2, field id: duplicate id "a" (first at row 0 of ',
    ],
    [
      "an id that cannot name a file",
      async () => ({ file: await parquetFile({ image: images(), text: { text: PAGES, id: ["a", "../b", "c", "d", "e"] } }) }),
      ': row 1, field id: "../b" is not usable as an id (letters, digits, \'.\', \'_\' or \'-\', starting with a letter or digit)',
    ],
    [
      "no rows",
      async () => ({ file: await parquetFile({ image: [], text: { text: [] } }) }),
      ": no rows",
    ],
    [
      "a file that is not parquet",
      async () => {
        const file = join(tempDir("w2c-parquet-"), "fake.parquet");
        writeFileSync(file, "name,html\na,<p>a</p>\n");
        return { file };
      },
      ": not a parquet file (",
    ],
  ];

  it.each(broken)("%s", async (_name, make, problem) => {
    const { file, options } = await make();
    const error = await refusal(file, options);
    expect(error.message.startsWith(`${file}${problem}`), error.message).toBe(true);
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it("lists every bad row at once, one line each", async () => {
    const cells: Array<ImageCell | null> = images();
    cells[1] = null;
    cells[3] = { bytes: Buffer.from("GIF89a"), path: "3.gif" };
    const file = await parquetFile({ image: cells, text: { text: PAGES.map((page, i) => (i === 4 ? null : page)) } }, { rowGroupSize: 2 });
    const error = await refusal(file);
    expect(error).toBeInstanceOf(DatasetProblems);
    expect((error as DatasetProblems).problems).toEqual([
      `${file}: row 1, field image: no image (null)`,
      `${file}: row 3, field image.bytes: not a PNG file`,
      `${file}: row 4, field text: no HTML (null)`,
    ]);
    expect(error.message).toBe(`${file}: row 1, field image: no image (null) (and 2 more problems)`);
  });

  it("refuses a folder that holds two splits, and a --columns role parquet has not", async () => {
    const root = tempDir("w2c-parquet-repo-");
    await writeParquet(join(root, "train-00000-of-00001.parquet"), { image: images(), text: { text: PAGES } });
    await writeParquet(join(root, "test-00000-of-00001.parquet"), { image: images(), text: { text: PAGES } });
    expect((await refusal(root)).message).toBe(`${root}: holds the splits test, train: give the files or folder of one split`);
    const file = join(root, "test-00000-of-00001.parquet");
    expect((await refusal(file, { columns: { question: "text" } })).message).toBe(`--columns: question is no role of ${file} (roles: image, html, id, description)`);
    expect((await refusal(file, { images: root })).message).toBe(
      `--images does not apply to ${file} (parquet); it applies to web2code-jsonl, llava-json datasets`,
    );
  });
});
