import { isUtf8 } from "node:buffer";
import { readFile } from "node:fs/promises";
import { realpathSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import { describeIssue, firstBadByte, firstNames, lstatOrNull, parseJson, readRegularFile } from "../shared/index.js";
import { decodeHtml, idProblem, IdRegister, imageProblem } from "./check.js";
import { DEFAULT_INSTRUCTION, DEFAULT_VIEWPORT, rowPagePath, type LoadedForm } from "./form.js";
import { DatasetError, Problems } from "./errors.js";
import { fingerprintFiles } from "./fingerprint.js";
import type { z } from "zod";
import { ManifestSchema } from "./manifest.js";
import type { Sample } from "./types.js";

export const MANIFEST = "dataset.json";

/** A sample's files before they are checked: absolute paths, the page's absent for a question sample. */
interface SampleFiles {
  sample: Omit<Sample, "readImage" | "readHtml" | "pagePath">;
  html?: string;
  image: string;
}

/**
 * A dataset folder: web2code's `dataset.json`, or Design2Code `<id>.html` + `<id>.png` pairs.
 * Every sample's files are checked here, and every problem is reported at once, each line
 * starting with the path of the file at fault.
 */
export async function loadFolder(root: string, files: string[]): Promise<LoadedForm> {
  // Any dataset.json (a folder, a dangling link) makes this a web2code dataset: a broken manifest is named, not skipped.
  const problems = new Problems();
  const warnings: string[] = [];
  const form = lstatOrNull(join(root, MANIFEST)) ? manifestSamples(root, problems) : design2codeSamples(root, files, problems, warnings);
  const realRoot = realpathSync(root);
  for (const { sample, html, image } of form.samples) {
    if (html !== undefined) checkFile(html, "reference HTML", sample.id, realRoot, problems, pageProblem);
    checkFile(image, "screenshot", sample.id, realRoot, problems, screenshotProblem);
  }
  problems.throwIfAny();
  return {
    ...form.head,
    root,
    assetRoot: root,
    withheldFiles: form.samples.flatMap(({ html, image }) => (html === undefined ? [image] : [html, image])),
    samples: form.samples.map(({ sample, html, image }) => ({
      ...sample,
      readImage: () => readFile(image),
      ...(html === undefined ? {} : { readHtml: () => readFile(html, "utf8") }),
      pagePath: relative(root, html ?? join(root, rowPagePath(sample.id)))
        .split(sep)
        .join("/"),
    })),
    fingerprint: await fingerprintFiles(files.map((file) => [file, join(root, file)])),
    warnings,
    ...(form.pagesWithoutScreenshot?.length ? { pagesWithoutScreenshot: form.pagesWithoutScreenshot } : {}),
  };
}

type FolderHead = Pick<LoadedForm, "id" | "version" | "description" | "licence" | "viewport" | "instruction" | "format">;

/** A folder's samples as its form lists them, and (Design2Code pairs) its pages that lack a screenshot. */
interface FolderForm {
  head: FolderHead;
  samples: SampleFiles[];
  pagesWithoutScreenshot?: string[];
}

/** File names in the order a person numbers them: `2.html` before `10.html`. */
export const byName = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

function manifestSamples(root: string, problems: Problems): FolderForm {
  const file = join(root, MANIFEST);
  const manifest = readManifest(file, ManifestSchema);
  const ids = new IdRegister();
  const samples = manifest.samples.map((s, index): SampleFiles => {
    const field = `${file}: field samples.${index}`;
    const duplicate = ids.problem(s.id, `samples.${index}`);
    if (duplicate) problems.add(`${field}.id: ${duplicate}`);
    if ((s.question === undefined) !== (s.answer === undefined)) problems.add(`${field}: a question needs its answer, and an answer its question`);
    if (s.html === undefined && s.question === undefined) problems.add(`${field}: no html, and no question with an answer: the sample serves no task`);
    const inside = (name: "html" | "image", path: string) => {
      const absolute = resolve(root, path);
      if (!absolute.startsWith(root + sep)) problems.add(`${field}.${name}: "${path}" leaves the dataset folder`);
      return absolute;
    };
    const { html, image, ...rest } = s;
    return { sample: rest, ...(html === undefined ? {} : { html: inside("html", html) }), image: inside("image", image) };
  });
  // A path that leaves the folder is not read, so its file is not named again.
  problems.throwIfAny();
  return {
    head: {
      id: manifest.id,
      version: manifest.version,
      description: manifest.description,
      licence: manifest.licence,
      viewport: manifest.viewport,
      instruction: manifest.instruction,
      format: "web2code",
    },
    samples,
  };
}

/** dataset.json read and checked against `schema` (the manifest's, or its head), every schema problem at once (one line each). */
export function readManifest<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const parsed = schema.safeParse(readDatasetJson(file, "manifest"));
  if (parsed.success) return parsed.data;
  const problems = new Problems();
  for (const issue of parsed.error.issues) problems.add(`${file}: ${describeIssue(issue)}`);
  problems.throwIfAny();
  throw new Error("unreachable: a failed parse has issues");
}

/** A JSON file of the dataset read and parsed, not yet checked; `what` it is names it in errors. */
export function readDatasetJson(file: string, what: string): unknown {
  const bytes = readRegularFile(file, what, DatasetError);
  if (!isUtf8(bytes)) throw new DatasetError(`${file}: not UTF-8 text (${firstBadByte(bytes)})`);
  return parseJson(bytes.toString("utf8"), file, DatasetError);
}

function design2codeSamples(
  root: string,
  files: string[],
  problems: Problems,
  warnings: string[],
): FolderForm {
  const topLevel = new Set(files.filter((f) => !f.includes("/")));
  const stem = (file: string) => file.slice(0, file.lastIndexOf("."));
  const ids = [...topLevel]
    .filter((f) => f.endsWith(".html") && topLevel.has(`${stem(f)}.png`))
    .map(stem)
    .sort(byName);
  if (ids.length === 0) {
    throw new DatasetError(`${root}: no ${MANIFEST}, no Design2Code <id>.html + <id>.png pairs and no .parquet files`);
  }
  // A page or screenshot alone is served as an asset, as Design2Code's placeholder image is: said in one line for
  // each of the two, since it may be a lost sample. A page without its screenshot is a problem to `datasets validate`.
  const alone = (extension: string, other: string) =>
    [...topLevel].filter((f) => f.endsWith(extension) && !topLevel.has(`${stem(f)}${other}`)).sort(byName);
  const [pages, screenshots] = [alone(".html", ".png"), alone(".png", ".html")];
  const said = (files: string[], what: string, missing: string) =>
    files.length === 1
      ? `1 ${what} has no ${missing} beside it, so it is no sample`
      : `${files.length} ${what}s have no ${missing} beside them, so they are no samples`;
  if (pages.length) warnings.push(`${root}: ${said(pages, "page", "screenshot (<id>.png)")}: ${firstNames(pages)}`);
  if (screenshots.length) {
    const served = screenshots.length === 1 ? "it is served as an asset" : "they are served as assets";
    warnings.push(`${root}: ${said(screenshots, "screenshot", "page (<id>.html)")} (${served}): ${firstNames(screenshots)}`);
  }
  // The file name is the id, which names the run's files: the same rule as a manifest's ids.
  for (const id of ids) {
    const bad = idProblem(id);
    if (bad) problems.add(`${join(root, `${id}.html`)}: sample id ${bad}; rename the pair`);
  }
  problems.throwIfAny();
  return {
    head: {
      id: basename(root),
      version: "unversioned",
      description: `Design2Code-layout folder ${root}`,
      licence: "unknown",
      viewport: DEFAULT_VIEWPORT,
      instruction: DEFAULT_INSTRUCTION,
      format: "design2code",
    },
    samples: ids.map((id) => ({ sample: { id, tags: [] }, html: join(root, `${id}.html`), image: join(root, `${id}.png`) })),
    pagesWithoutScreenshot: pages.map((page) => join(root, page)),
  };
}

export function pageProblem(bytes: Buffer, id: string): string | null {
  const decoded = decodeHtml(bytes);
  return "notUtf8" in decoded ? `reference HTML is not UTF-8 (${decoded.notUtf8}; sample ${id})` : null;
}

function screenshotProblem(bytes: Buffer, id: string): string | null {
  const problem = imageProblem(bytes);
  return problem && `${problem} (sample ${id})`;
}

/** A sample's file: present, a regular file (not a folder, FIFO or device), inside the dataset folder after links, and what it claims. */
export function checkFile(path: string, what: string, id: string, realRoot: string, problems: Problems, contentProblem: (bytes: Buffer, id: string) => string | null): void {
  if (!lstatOrNull(path)) return problems.add(`${path}: missing ${what} (sample ${id})`);
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, `${what} (sample ${id})`, DatasetError);
  } catch (error) {
    return problems.add((error as Error).message);
  }
  const real = realpathSync(path);
  if (!real.startsWith(realRoot + sep)) return problems.add(`${path}: ${what} links outside the dataset folder, to ${real} (sample ${id})`);
  const problem = contentProblem(bytes, id);
  if (problem) problems.add(`${path}: ${problem}`);
}
