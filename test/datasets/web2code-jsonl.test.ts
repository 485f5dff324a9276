import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatasetError, DatasetProblems, loadDataset, type LoadOptions } from "../../src/datasets/index.js";
import { tempDir, whitePng } from "../helpers/dataset.js";

/** Web2Code_eval.jsonl's shape: several yes/no questions per screenshot, images in a folder beside it. */
const QUESTIONS = [
  { image: "web_1.png", question_id: 1, Q: "Is there a navigation bar at the top?", A: "Yes", category: "layout" },
  { image: "web_1.png", question_id: 2, Q: "Is the footer red?", A: "No", category: "color" },
  { image: "sub/web_2.png", question_id: "q3", Q: "Does the page show a login form?", A: "Yes" },
];
const PNG_1 = whitePng(12, 9);
const PNG_2 = whitePng(13, 9);

/** A JSONL file and its image folder (`images` beside it, or in a folder of its own). */
function web2code(lines: unknown[] = QUESTIONS, { imagesApart = false } = {}): { file: string; images: string } {
  const root = tempDir("w2c-jsonl-");
  const images = imagesApart ? join(tempDir("w2c-images-"), "Web2Code_image_eval") : root;
  mkdirSync(join(images, "sub"), { recursive: true });
  writeFileSync(join(images, "web_1.png"), PNG_1);
  writeFileSync(join(images, "sub", "web_2.png"), PNG_2);
  const file = join(root, "Web2Code_eval.jsonl");
  writeFileSync(file, lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n") + "\n");
  return { file, images };
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

describe("Web2Code's evaluation JSONL (questions for --task qa)", () => {
  it("reads image, question_id, Q, A (and a category) as question samples with no reference page", async () => {
    const { file, images } = web2code();
    const dataset = await loadDataset(file);
    expect(dataset).toMatchObject({ id: "Web2Code_eval", format: "web2code-jsonl", tasks: ["qa"], assetRoot: null, withheldFiles: [] });
    expect(dataset.samples.map(({ id, question, answer, category, readHtml }) => ({ id, question, answer, category, readHtml }))).toEqual([
      { id: "1", question: "Is there a navigation bar at the top?", answer: "Yes", category: "layout", readHtml: undefined },
      { id: "2", question: "Is the footer red?", answer: "No", category: "color", readHtml: undefined },
      { id: "q3", question: "Does the page show a login form?", answer: "Yes", category: undefined, readHtml: undefined },
    ]);
    expect(await dataset.samples[1]!.readImage()).toEqual(PNG_1);
    expect(await dataset.samples[2]!.readImage()).toEqual(PNG_2);
    // The JSONL, then each image once (in path order), then the fields read.
    const hash = createHash("sha256");
    const jsonl = readFileSync(file);
    hash.update(`jsonl\0${jsonl.length}\0`).update(jsonl);
    for (const [name, png] of [["sub/web_2.png", PNG_2], ["web_1.png", PNG_1]] as const) hash.update(`${name}\0${png.length}\0`).update(png);
    hash.update("\0reading\0fields id=question_id,image=image,question=Q,answer=A,category=category");
    expect(dataset.fingerprint).toBe(`sha256:${hash.digest("hex")}`);
    expect(images).toBe(join(file, ".."));
  });

  it("finds the images in --images DIR, and other field names with --columns", async () => {
    const renamed = QUESTIONS.map(({ Q, ...rest }) => ({ ...rest, question: Q }));
    const { file, images } = web2code(renamed, { imagesApart: true });
    // Neither the field nor the images are where Web2Code's own files have them: every line says so.
    expect(((await refusal(file)) as DatasetProblems).problems).toEqual(
      [1, 2, 3].flatMap((line) => [
        `${file}: line ${line}, field Q: missing`,
        `${file}: line ${line}, field image: no image ${join(file, "..", QUESTIONS[line - 1]!.image)}`,
      ]),
    );
    const dataset = await loadDataset(file, { images, columns: { question: "question" } });
    expect(dataset.samples.map((s) => s.question)).toEqual(QUESTIONS.map((q) => q.Q));
    expect(dataset.options).toEqual({ images, columns: { question: "question" } });
  });

  const broken: Array<[string, (root: string) => unknown[], string]> = [
    ["a line that is not JSON", () => [QUESTIONS[0], "{image: web_1.png}", QUESTIONS[2]], ": line 2: not valid JSON ("],
    ["a line that is an array", () => [QUESTIONS[0], [1, 2]], ": line 2: not a JSON object"],
    ["no A", () => [QUESTIONS[0], { ...QUESTIONS[1], A: undefined }], ": line 2, field A: missing"],
    ["an empty question", () => [{ ...QUESTIONS[0], Q: " " }], ": line 1, field Q: empty"],
    ["a numeric answer", () => [{ ...QUESTIONS[0], A: 1 }], ": line 1, field A: expected text, got 1"],
    ["an image that is not there", () => [QUESTIONS[0], { ...QUESTIONS[1], image: "web_9.png" }], ": line 2, field image: no image "],
    ["an image outside the folder", () => [{ ...QUESTIONS[0], image: "../web_1.png" }], ': line 1, field image: "../web_1.png" leaves the image folder '],
    [
      "an image linking outside the folder",
      (root) => {
        const outside = join(tempDir("w2c-outside-"), "x.png");
        writeFileSync(outside, PNG_1);
        symlinkSync(outside, join(root, "linked.png"));
        return [{ ...QUESTIONS[0], image: "linked.png" }];
      },
      ": line 1, field image: ",
    ],
    [
      "an image that is no PNG",
      (root) => {
        writeFileSync(join(root, "web_3.png"), "GIF89a");
        return [{ ...QUESTIONS[0], image: "web_3.png" }];
      },
      ": line 1, field image: ",
    ],
    ["a repeated question_id", () => [QUESTIONS[0], { ...QUESTIONS[1], question_id: 1 }], ': line 2, field question_id: duplicate id "1" (first at line 1)'],
    ["an empty file", () => [], ": no questions"],
  ];

  it.each(broken)("refuses %s, naming the file, the line and the field", async (_name, make, problem) => {
    const { file } = web2code([]);
    const root = join(file, "..");
    writeFileSync(file, make(root).map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n"));
    const error = await refusal(file);
    expect(error.message.startsWith(`${file}${problem}`), error.message).toBe(true);
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it("names the image file in the problems with one", async () => {
    const { file } = web2code([{ ...QUESTIONS[0], image: "web_3.png" }, { ...QUESTIONS[1], image: "web_3.png" }]);
    writeFileSync(join(file, "..", "web_3.png"), "GIF89a");
    expect(((await refusal(file)) as DatasetProblems).problems).toEqual([
      `${file}: line 1, field image: ${join(file, "..", "web_3.png")}: not a PNG file`,
      `${file}: line 2, field image: ${join(file, "..", "web_3.png")}: not a PNG file`,
    ]);
  });

  it("refuses --images that is not a folder", async () => {
    const { file } = web2code();
    expect((await refusal(file, { images: file })).message).toBe(`${file}: the image folder is not a folder (--images)`);
  });
});
