import { isUtf8 } from "node:buffer";
import { existsSync, realpathSync, statSync } from "node:fs";
import { basename, join, resolve, sep } from "node:path";
import { builtinDatasetPath, builtinDatasetIds } from "./builtin.js";
import { firstBadByte, lstatOrNull, readJsonFile, readRegularFile } from "../shared/index.js";
import { DatasetError } from "./errors.js";
import { fingerprintFiles, listFiles } from "./fingerprint.js";
import { ManifestSchema, MAX_ID_LENGTH, SAFE_ID, SAFE_ID_RULE } from "./manifest.js";
import { readPngHeader } from "./png-header.js";
import type { Dataset, Sample } from "./types.js";

export const DEFAULT_INSTRUCTION = "Please generate html code for the given image";
const MANIFEST = "dataset.json";

/**
 * A built-in dataset id or a folder (web2code `dataset.json`, or Design2Code `<id>.html` + `<id>.png` pairs).
 * Every sample's files are checked here, so bad input is refused before a run writes anything:
 * a DatasetError whose one-line message starts with the path of the file at fault.
 */
export function loadDataset(spec: string): Dataset {
  const root = existsSync(spec) ? resolve(spec) : builtinDatasetPath(spec);
  if (!root) {
    throw new DatasetError(
      `unknown dataset "${spec}": give a built-in id (${builtinDatasetIds().join(", ")}) or a folder holding dataset.json or Design2Code <id>.html + <id>.png pairs`,
    );
  }
  if (!statSync(root).isDirectory()) throw new DatasetError(`${root}: a dataset is a folder, not a file`);
  const files = listFiles(root);
  // Any dataset.json (a folder, a dangling link) makes this a web2code dataset: a broken manifest is named, not skipped.
  const dataset = lstatOrNull(join(root, MANIFEST)) ? loadManifest(root) : loadDesign2Code(root, files);
  const realRoot = realpathSync(root);
  for (const sample of dataset.samples) checkSampleFiles(sample, realRoot);
  return { ...dataset, fingerprint: fingerprintFiles(root, files) };
}

function loadManifest(root: string): Omit<Dataset, "fingerprint"> {
  const file = join(root, MANIFEST);
  const manifest = readJsonFile(file, "manifest", ManifestSchema, DatasetError);
  const seen = new Set<string>();
  const samples = manifest.samples.map((s, index): Sample => {
    if (seen.has(s.id)) throw new DatasetError(`${file}: field samples.${index}.id: duplicate id "${s.id}"`);
    seen.add(s.id);
    const inside = (field: "html" | "image") => {
      const path = resolve(root, s[field]);
      if (!path.startsWith(root + sep)) {
        throw new DatasetError(`${file}: field samples.${index}.${field}: "${s[field]}" leaves the dataset folder`);
      }
      return path;
    };
    return { id: s.id, htmlPath: inside("html"), imagePath: inside("image"), description: s.description, tags: s.tags };
  });
  return {
    id: manifest.id,
    version: manifest.version,
    description: manifest.description,
    licence: manifest.licence,
    root,
    viewport: manifest.viewport,
    instruction: manifest.instruction,
    format: "web2code",
    samples,
  };
}

function loadDesign2Code(root: string, files: string[]): Omit<Dataset, "fingerprint"> {
  const topLevel = new Set(files.filter((f) => !f.includes("/")));
  const ids = [...topLevel]
    .filter((f) => f.endsWith(".html") && topLevel.has(`${f.slice(0, -5)}.png`))
    .map((f) => f.slice(0, -5))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  if (ids.length === 0) {
    throw new DatasetError(`${root}: no ${MANIFEST} and no Design2Code <id>.html + <id>.png pairs`);
  }
  // The file name is the id, which names the run's files: the same rule as a manifest's ids.
  const unsafe = ids.find((id) => !SAFE_ID.test(id) || id.length > MAX_ID_LENGTH);
  if (unsafe !== undefined) {
    const rule = SAFE_ID.test(unsafe) ? `at most ${MAX_ID_LENGTH} characters` : SAFE_ID_RULE;
    throw new DatasetError(`${join(root, `${unsafe}.html`)}: sample id ${JSON.stringify(unsafe)} is not usable as an id (${rule}); rename the pair`);
  }
  return {
    id: basename(root),
    version: "unversioned",
    description: `Design2Code-layout folder ${root}`,
    licence: "unknown",
    root,
    viewport: { width: 1280, height: 720 },
    instruction: DEFAULT_INSTRUCTION,
    format: "design2code",
    samples: ids.map((id) => ({ id, htmlPath: join(root, `${id}.html`), imagePath: join(root, `${id}.png`), tags: [] })),
  };
}

function checkSampleFiles(sample: Sample, realRoot: string): void {
  const html = readSampleFile(sample.htmlPath, "reference HTML", sample, realRoot);
  // Pages are rendered and parsed as UTF-8: other bytes would silently become U+FFFD in the reference.
  if (!isUtf8(html)) throw new DatasetError(`${sample.htmlPath}: reference HTML is not UTF-8 (${firstBadByte(html)}; sample ${sample.id})`);
  const header = readPngHeader(readSampleFile(sample.imagePath, "screenshot", sample, realRoot));
  if (typeof header === "string") throw new DatasetError(`${sample.imagePath}: ${header} (sample ${sample.id})`);
}

/** A sample's file: present, a regular file (not a folder, FIFO or device), and inside the dataset folder after links. */
function readSampleFile(path: string, what: string, sample: Sample, realRoot: string): Buffer {
  if (!lstatOrNull(path)) throw new DatasetError(`${path}: missing ${what} (sample ${sample.id})`);
  const bytes = readRegularFile(path, `${what} (sample ${sample.id})`, DatasetError);
  const real = realpathSync(path);
  if (!real.startsWith(realRoot + sep)) throw new DatasetError(`${path}: ${what} links outside the dataset folder, to ${real} (sample ${sample.id})`);
  return bytes;
}



