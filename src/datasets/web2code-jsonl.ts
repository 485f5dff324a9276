import { isUtf8 } from "node:buffer";
import { dirname } from "node:path";
import { firstBadByte, readRegularFile } from "../shared/index.js";
import { IdRegister } from "./check.js";
import { resolveColumns, showColumns } from "./columns.js";
import { DatasetError, Problems } from "./errors.js";
import { fingerprintFiles } from "./fingerprint.js";
import { DEFAULT_INSTRUCTION, rowFormHead, rowPagePath, type LoadedForm } from "./form.js";
import { ImageFolder } from "./image-folder.js";
import type { LoadOptions, Sample } from "./types.js";

/** The fields Web2Code's QA reader takes (`image`, `question_id`, `Q`, `A`), and a category where one is given. */
const ROLES = { id: ["question_id"], image: ["image"], question: ["Q"], answer: ["A"], category: ["category"] } as const;
type Role = keyof typeof ROLES;
const REQUIRED: readonly Role[] = ["id", "image", "question", "answer"];

/**
 * Web2Code's evaluation JSONL (its web-understanding questions, for `--task qa`): one object per
 * line, its `image` a path in the image folder (`--images DIR`, else the file's own folder).
 */
export async function loadWeb2CodeJsonl(file: string, options: LoadOptions): Promise<LoadedForm> {
  const bytes = readRegularFile(file, "JSONL file", DatasetError);
  if (!isUtf8(bytes)) throw new DatasetError(`${file}: not UTF-8 text (${firstBadByte(bytes)})`);
  const images = new ImageFolder(options.images ?? dirname(file), options.images ? "--images" : `the folder of ${file}`);
  const lines = bytes.toString("utf8").replace(/^\uFEFF/, "").split("\n");
  const problems = new Problems();
  const ids = new IdRegister();
  const entries: Array<{ line: number; value: Record<string, unknown> }> = [];
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value === "object" && value !== null && !Array.isArray(value)) entries.push({ line: i + 1, value: value as Record<string, unknown> });
      else problems.add(`${file}: line ${i + 1}: not a JSON object`);
    } catch (error) {
      problems.add(`${file}: line ${i + 1}: not valid JSON (${(error as Error).message})`);
    }
  });
  if (entries.length === 0) problems.add(`${file}: no questions`);
  problems.throwIfAny();

  const fields = resolveColumns(file, ROLES, options.columns, [...new Set(entries.flatMap(({ value }) => Object.keys(value)))]);
  const samples: Sample[] = [];
  for (const { line, value } of entries) {
    const at = `${file}: line ${line}`;
    const before = problems.count;
    const text = (role: Role): string | undefined => {
      const name = fields[role] ?? ROLES[role][0];
      const field = value[name];
      if (field === undefined || field === null) {
        if (REQUIRED.includes(role)) problems.add(`${at}, field ${name}: missing`);
        return undefined;
      }
      // question_id is a number in some copies of the data.
      if (typeof field === "string" || (role === "id" && typeof field === "number")) {
        const shown = String(field);
        if (shown.trim() || role === "id") return shown;
      }
      problems.add(`${at}, field ${name}: ${typeof field === "string" ? "empty" : `expected text, got ${JSON.stringify(field).slice(0, 40)}`}`);
      return undefined;
    };
    const [id, image, question, answer, category] = (["id", "image", "question", "answer", "category"] as const).map(text);
    if (id !== undefined) {
      const duplicate = ids.problem(id, `line ${line}`);
      if (duplicate) problems.add(`${at}, field ${fields.id ?? ROLES.id[0]}: ${duplicate}`);
    }
    if (image !== undefined) {
      const bad = images.problem(image);
      if (bad) problems.add(`${at}, field ${fields.image ?? ROLES.image[0]}: ${bad}`);
    }
    if (problems.count > before) continue;
    samples.push({
      id: id!,
      tags: [],
      pagePath: rowPagePath(id!),
      question: question!,
      answer: answer!,
      ...(category === undefined ? {} : { category }),
      readImage: () => images.read(image!),
    });
  }
  problems.throwIfAny();
  return {
    ...rowFormHead(file, "web2code-jsonl", `Web2Code questions ${file} (images in ${images.root})`),
    instruction: DEFAULT_INSTRUCTION,
    samples,
    fingerprint: await fingerprintFiles([["jsonl", file], ...images.files()], `fields ${showColumns(fields)}`),
    warnings: [],
  };
}
