import { readdirSync, realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { z } from "zod";
import { counted, describeIssue, firstNames, lstatOrNull } from "../shared/index.js";
import { actionKind } from "./action-kind.js";
import { idProblem } from "./check.js";
import { Problems } from "./errors.js";
import { fingerprintFiles, listFiles, readable } from "./fingerprint.js";
import { byName, checkFile, MANIFEST, pageProblem, readDatasetJson, readManifest } from "./folder.js";
import { DEFAULT_INSTRUCTION, DEFAULT_VIEWPORT, type LoadedForm } from "./form.js";
import { ImageFolder } from "./image-folder.js";
import { ManifestSchema } from "./manifest.js";
import type { Sample, SampleInteraction } from "./types.js";

/** A page folder's annotation (Interaction2Code's): what is done to the page and what it changes. */
export const ACTIONS = "action.json";
/** A page folder's reference page, where it has one (our own form): its elements carry `id="interactN"`. */
export const REFERENCE_PAGE = "index.html";

/** What an interaction folder's optional dataset.json may say: the manifest's head (its viewport above all), no samples. */
const HeadSchema = ManifestSchema.omit({ samples: true }).partial();

const TOP_KEYS = ["link", "topic", "framework"];
const TopSchema = z.object({ link: z.string(), topic: z.string(), framework: z.string() }).partial();
const INTERACTION_NUMBER = /^[1-9][0-9]*$/;
const stateName = z.string().regex(/^[0-9]+$/, 'a state number, e.g. "0"');
const EntrySchema = z
  .object({
    src: stateName,
    dst: stateName,
    action: z.string().min(1),
    description: z.string(),
    "tag type": z.array(z.string()),
    "visual type": z.array(z.string()),
  })
  .strict();
type Entry = z.output<typeof EntrySchema>;

/** Page folders (not dot folders), in the order a person numbers them. */
function subfolders(root: string): string[] {
  return readable(root, () => readdirSync(root, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort(byName);
}

/** An Interaction2Code folder: some subfolder holds an action.json (a web2code or Design2Code folder has none). */
export function isInteractionFolder(root: string): boolean {
  return subfolders(root).some((name) => lstatOrNull(join(root, name, ACTIONS)) !== null);
}

/** An interaction's reference states, checked: their files (absolute), the mark absent where the folder has none. */
interface InteractionFiles {
  entry: Entry;
  index: number;
  before: string;
  after: string;
  /** The states before and after with their red boxes (`<state>_mark.png`), where the folder has them. */
  markedBefore?: string;
  markedAfter?: string;
}

/**
 * An Interaction2Code folder (docs/datasets.md, "Interaction2Code folders"): one page per
 * subfolder holding `action.json`, its states `0.png, 1.png, ...`, the marked `K_mark.png` and,
 * in our own form, the reference `index.html`. Every problem of every page is reported at once.
 */
export async function loadInteractionFolder(root: string): Promise<LoadedForm> {
  const problems = new Problems();
  const warnings: string[] = [];
  const head = lstatOrNull(join(root, MANIFEST)) ? readManifest(join(root, MANIFEST), HeadSchema) : {};
  const folders = subfolders(root);
  const pages = folders.filter((name) => lstatOrNull(join(root, name, ACTIONS)));
  const others = folders.filter((name) => !pages.includes(name));
  if (others.length) warnings.push(`${root}: ${counted(others.length, "folder")} without ${ACTIONS}, so no page (files served as assets): ${firstNames(others)}`);
  const images = new ImageFolder(root, "the dataset folder");
  const realRoot = realpathSync(root);
  const read = pages.map((id) => {
    const dir = join(root, id);
    const bad = idProblem(id);
    if (bad) problems.add(`${dir}: page folder name ${bad}; rename the folder`);
    const html = join(dir, REFERENCE_PAGE);
    const hasHtml = lstatOrNull(html) !== null;
    if (hasHtml) checkFile(html, "reference HTML", id, realRoot, problems, pageProblem);
    return { id, interactions: pageInteractions(root, id, images, problems), html: hasHtml ? html : undefined };
  });
  problems.throwIfAny();
  const files = listFiles(root).filter((file) => !file.split("/").some((part) => part.startsWith(".")));
  return {
    id: head.id ?? basename(root),
    version: head.version ?? "unversioned",
    description: head.description ?? `Interaction2Code-layout folder ${root}`,
    licence: head.licence ?? "unknown",
    viewport: head.viewport ?? DEFAULT_VIEWPORT,
    instruction: head.instruction ?? DEFAULT_INSTRUCTION,
    format: "interaction2code",
    root,
    assetRoot: root,
    // A page may load the folder's assets, never a state (its own answer) or a reference page.
    withheldFiles: [...files.filter((file) => file.toLowerCase().endsWith(".png")).map((file) => join(root, file)), ...read.flatMap(({ html }) => html ?? [])],
    samples: read.map(({ id, interactions, html }): Sample => ({
      id,
      readImage: () => readFile(interactions[0]!.before),
      ...(html === undefined ? {} : { readHtml: () => readFile(html, "utf8") }),
      pagePath: `${id}/${REFERENCE_PAGE}`,
      tags: [],
      interactions: interactions.map(sampleInteraction),
    })),
    fingerprint: await fingerprintFiles(files.map((file) => [file, join(root, file)])),
    warnings,
  };
}

function sampleInteraction({ entry, index, before, after, markedBefore, markedAfter }: InteractionFiles): SampleInteraction {
  const kept = (types: string[]) => types.filter((type) => type.trim() !== "");
  const tagTypes = kept(entry["tag type"]);
  return {
    index,
    ...actionKind(entry.action, tagTypes),
    actionText: entry.action,
    description: entry.description,
    tagTypes,
    visualTypes: kept(entry["visual type"]),
    before: entry.src,
    after: entry.dst,
    readBefore: () => readFile(before),
    readAfter: () => readFile(after),
    ...(markedBefore === undefined ? {} : { readMarkedBefore: () => readFile(markedBefore) }),
    ...(markedAfter === undefined ? {} : { readMarkedAfter: () => readFile(markedAfter) }),
  };
}

/** A page's interactions in order, each problem of its action.json and of the states it names added to `problems`. */
function pageInteractions(root: string, id: string, images: ImageFolder, problems: Problems): InteractionFiles[] {
  const file = join(root, id, ACTIONS);
  let raw: unknown;
  try {
    raw = readDatasetJson(file, "interactions");
  } catch (error) {
    problems.add((error as Error).message);
    return [];
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.add(`${file}: not a JSON object (link, topic, framework and the interactions "1", "2", ...)`);
    return [];
  }
  const data = raw as Record<string, unknown>;
  const top = TopSchema.safeParse(data);
  if (!top.success) for (const issue of top.error.issues) problems.add(`${file}: ${describeIssue(issue)}`);
  const numbers = Object.keys(data).filter((key) => !TOP_KEYS.includes(key));
  for (const key of numbers.filter((key) => !INTERACTION_NUMBER.test(key))) {
    problems.add(`${file}: key ${JSON.stringify(key)} is neither ${TOP_KEYS.join(", ")} nor an interaction number (1, 2, ...)`);
  }
  const count = Math.max(0, ...numbers.filter((key) => INTERACTION_NUMBER.test(key)).map(Number));
  if (count === 0) problems.add(`${file}: no interactions (entries "1", "2", ...)`);
  const interactions: InteractionFiles[] = [];
  for (let index = 1; index <= count; index++) {
    if (!(String(index) in data)) {
      problems.add(`${file}: no interaction ${index} (interactions are numbered 1 to ${count} without gaps)`);
      continue;
    }
    const parsed = EntrySchema.safeParse(data[String(index)]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.add(`${file}: ${describeIssue({ ...issue, path: [String(index), ...issue.path] })}`);
      continue;
    }
    const state = (field: "src" | "dst", name: string) => {
      const problem = images.problem(`${id}/${name}.png`);
      if (problem) problems.add(`${file}: field ${index}.${field}: state ${JSON.stringify(name)}: ${problem}`);
      return images.pathOf(`${id}/${name}.png`);
    };
    const before = state("src", parsed.data.src);
    const after = state("dst", parsed.data.dst);
    // A state's marked screenshot is optional; one that is there must be a PNG.
    const marked = (field: "src" | "dst") => {
      const mark = `${id}/${parsed.data[field]}_mark.png`;
      if (!lstatOrNull(images.pathOf(mark))) return undefined;
      const problem = images.problem(mark);
      if (problem) problems.add(`${file}: field ${index}.${field}: marked state: ${problem}`);
      return images.pathOf(mark);
    };
    const markedBefore = marked("src");
    const markedAfter = marked("dst");
    interactions.push({
      entry: parsed.data,
      index,
      before,
      after,
      ...(markedBefore ? { markedBefore } : {}),
      ...(markedAfter ? { markedAfter } : {}),
    });
  }
  return interactions;
}
