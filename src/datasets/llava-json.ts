import { isUtf8 } from "node:buffer";
import { dirname } from "node:path";
import { firstBadByte, parseJson, readRegularFile } from "../shared/index.js";
import { IdRegister } from "./check.js";
import { DatasetError, Problems } from "./errors.js";
import { fingerprintFiles } from "./fingerprint.js";
import { rowFormHead, rowPagePath, sharedInstruction, type LoadedForm } from "./form.js";
import { ImageFolder } from "./image-folder.js";
import type { LoadOptions, Sample } from "./types.js";

/** LLaVA's mark of where the image goes in the first human turn. */
const IMAGE_MARK = "<image>";

/**
 * A JSON array of LLaVA conversation records, as Web2Code's data ships (for `image2html`): each
 * `{id, image, conversations: [{from: "human", value: "<image>\n..."}, {from: "gpt", value: HTML}]}`.
 * The first gpt turn is the reference page; the human turn's text, when every record asks the
 * same, is the instruction. Images as for the JSONL: `--images DIR`, else the file's folder.
 */
export async function loadLlavaJson(file: string, options: LoadOptions): Promise<LoadedForm> {
  const bytes = readRegularFile(file, "JSON file", DatasetError);
  if (!isUtf8(bytes)) throw new DatasetError(`${file}: not UTF-8 text (${firstBadByte(bytes)})`);
  const records = parseJson(bytes.toString("utf8"), file, DatasetError);
  if (!Array.isArray(records)) throw new DatasetError(`${file}: not a JSON array of LLaVA conversation records`);
  if (records.length === 0) throw new DatasetError(`${file}: no records`);
  const images = new ImageFolder(options.images ?? dirname(file), options.images ? "--images" : `the folder of ${file}`);
  const problems = new Problems();
  const ids = new IdRegister();
  const instructions = new Set<string>();
  const samples: Sample[] = [];
  records.forEach((record: unknown, index) => {
    const at = `${file}: row ${index}`;
    if (typeof record !== "object" || record === null || Array.isArray(record)) return problems.add(`${at}: not a JSON object`);
    const { id: given, image, conversations } = record as Record<string, unknown>;
    const before = problems.count;
    const id = typeof given === "string" || typeof given === "number" ? String(given) : String(index);
    const duplicate = ids.problem(id, `row ${index}`);
    if (duplicate) problems.add(`${at}, field id: ${duplicate}`);
    if (typeof image !== "string") problems.add(`${at}, field image: ${image === undefined ? "missing" : "expected a path"}`);
    else {
      const bad = images.problem(image);
      if (bad) problems.add(`${at}, field image: ${bad}`);
    }
    const turns = Array.isArray(conversations) ? (conversations as Array<{ from?: unknown; value?: unknown }>) : [];
    const human = turns.find((turn) => turn?.from === "human");
    const gpt = turns.find((turn) => turn?.from === "gpt");
    if (!Array.isArray(conversations)) problems.add(`${at}, field conversations: ${conversations === undefined ? "missing" : "expected an array of turns"}`);
    else if (typeof human?.value !== "string" || !human.value.includes(IMAGE_MARK)) {
      problems.add(`${at}, field conversations: no human turn holding ${IMAGE_MARK}`);
    } else if (typeof gpt?.value !== "string" || !gpt.value.trim()) problems.add(`${at}, field conversations: no gpt turn holding the HTML`);
    if (problems.count > before) return;
    instructions.add((human!.value as string).replace(IMAGE_MARK, "").trim());
    const html = gpt!.value as string;
    samples.push({ id, tags: [], pagePath: rowPagePath(id), readImage: () => images.read(image as string), readHtml: async () => html });
  });
  problems.throwIfAny();
  const warnings: string[] = [];
  return {
    ...rowFormHead(file, "llava-json", `LLaVA conversations ${file} (images in ${images.root})`),
    instruction: sharedInstruction(instructions, file, warnings),
    samples,
    fingerprint: await fingerprintFiles([["json", file], ...images.files()]),
    warnings,
  };
}
