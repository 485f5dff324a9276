import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve, sep } from "node:path";
import { builtinDatasetPath, builtinDatasetIds } from "./builtin.js";
import { DatasetError } from "./errors.js";
import { fingerprintFiles, listFiles } from "./fingerprint.js";
import { describeIssue, ManifestSchema } from "./manifest.js";
import { readPngHeader } from "./png-header.js";
import type { Dataset, Sample } from "./types.js";

export const DEFAULT_INSTRUCTION = "Please generate html code for the given image";
const MANIFEST = "dataset.json";

/** A built-in dataset id or a folder (web2code `dataset.json`, or Design2Code `<id>.html` + `<id>.png` pairs). */
export function loadDataset(spec: string): Dataset {
  const root = existsSync(spec) ? resolve(spec) : builtinDatasetPath(spec);
  if (!root) {
    throw new DatasetError(
      `unknown dataset "${spec}": give a built-in id (${builtinDatasetIds().join(", ")}) or a folder holding dataset.json or Design2Code <id>.html + <id>.png pairs`,
    );
  }
  if (!statSync(root).isDirectory()) throw new DatasetError(`${root}: a dataset is a folder, not a file`);
  const files = listFiles(root);
  const dataset = files.includes(MANIFEST) ? loadManifest(root) : loadDesign2Code(root, files);
  for (const sample of dataset.samples) checkSampleFiles(sample);
  return { ...dataset, fingerprint: fingerprintFiles(root, files) };
}

function loadManifest(root: string): Omit<Dataset, "fingerprint"> {
  const file = join(root, MANIFEST);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DatasetError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) throw new DatasetError(`${file}: ${describeIssue(parsed.error)}`);
  const manifest = parsed.data;
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

function checkSampleFiles(sample: Sample): void {
  if (!existsSync(sample.htmlPath)) throw new DatasetError(`${sample.htmlPath}: missing reference HTML (sample ${sample.id})`);
  if (!existsSync(sample.imagePath)) throw new DatasetError(`${sample.imagePath}: missing screenshot (sample ${sample.id})`);
  const header = readPngHeader(readFileSync(sample.imagePath));
  if (typeof header === "string") throw new DatasetError(`${sample.imagePath}: ${header} (sample ${sample.id})`);
}
