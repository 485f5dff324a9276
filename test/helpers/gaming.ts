import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultTreeAdapter, parse, parseFragment, serialize, type DefaultTreeAdapterMap } from "parse5";
import { PNG } from "pngjs";
import { unsafeUniformIntDistribution, xoroshiro128plus } from "pure-rand";
import { loadDataset, type Sample } from "../../src/datasets/index.js";
import { buildPageTree } from "../../src/metrics/page-tree.js";
import { METRIC_IDS } from "../../src/metrics/registry.js";
import { runCli } from "./cli.js";

/**
 * The gaming corpus: predictions written to fool the scores rather than to reproduce the page.
 * Each variant makes one page per sample from what a model could know (the screenshot: its size,
 * its colours) or, as an upper bound on what gaming can buy, from the reference page itself.
 */

type Element = DefaultTreeAdapterMap["element"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

export interface GamingVariant {
  /** The folder name, hence the run's model id `replay-<name>`. */
  name: string;
  /** What the page is, for the table. */
  what: string;
  make(sample: GamingSource): string;
}

/** A page with nothing on it, `height` pixels tall, in one colour. */
export function emptyPage(height: number, colour: string): string {
  return `<!DOCTYPE html><html style="background:${colour}"><head></head><body style="margin:0;height:${height}px"></body></html>`;
}

/** The most frequent exact colour of a PNG, as `#rrggbb`, and its size. */
export function dominantColour(png: Buffer): { colour: string; width: number; height: number } {
  const { data, width, height } = PNG.sync.read(png);
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (let i = 0; i < data.length; i += 4) {
    const rgb = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    const count = (counts.get(rgb) ?? 0) + 1;
    counts.set(rgb, count);
    if (count > bestCount) [best, bestCount] = [rgb, count];
  }
  return { colour: `#${best.toString(16).padStart(6, "0")}`, width, height };
}

const escapeText = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export function element(document: ParentNode, tag: string): Element {
  const stack: ParentNode[] = [document];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (defaultTreeAdapter.isElementNode(node) && node.tagName === tag) return node;
    for (const child of node.childNodes) if ("childNodes" in child) stack.push(child);
  }
  throw new Error(`no <${tag}> in the page`);
}

export function append(parent: Element, html: string): void {
  for (const node of parseFragment(html).childNodes) defaultTreeAdapter.appendChild(parent, node);
}

/** The page's own body content three times over: the same head, the same tags, three times as long. */
export function repeated(html: string, times = 3): string {
  const document = parse(html);
  const body = element(document, "body");
  const inner = serialize(body);
  for (let i = 1; i < times; i++) append(body, inner);
  return serialize(document);
}

/** Elements whose text is not the page's visible text (kept, so that styles and scripts still work). */
const KEEP_TEXT = new Set(["head", "style", "script", "noscript", "template"]);

/** The page with every text node removed: its layout, colours and images, no words. */
export function withoutText(html: string): string {
  const document = parse(html);
  const stack: ParentNode[] = [document];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (defaultTreeAdapter.isElementNode(node) && KEEP_TEXT.has(node.tagName)) continue;
    node.childNodes = node.childNodes.filter((child) => !defaultTreeAdapter.isTextNode(child));
    for (const child of node.childNodes) if ("childNodes" in child) stack.push(child);
  }
  return serialize(document);
}

/** The page moved 40 px down, everything (fixed and absolute boxes too) with it. */
export function shifted(html: string, pixels = 40): string {
  const document = parse(html);
  append(element(document, "head"), `<style>html { transform: translateY(${pixels}px) !important; }</style>`);
  return serialize(document);
}

/** The page's visible text (as the metrics read it) in one paragraph. */
export function textDump(html: string): string {
  const { text } = buildPageTree(parse(html));
  return `<!DOCTYPE html><html><head></head><body><p>${escapeText(text)}</p></body></html>`;
}

const RANDOM_TAGS = [
  "div",
  "section",
  "header",
  "footer",
  "nav",
  "main",
  "article",
  "aside",
  "ul",
  "li",
  "p",
  "span",
  "a",
  "h1",
  "h2",
  "h3",
];

/** 200 empty elements of common tags, nested at random (seeded by the sample's id, so the page is the same every time). */
export function randomTags(seedText: string, count = 200): string {
  let seed = 0;
  for (const char of seedText) seed = (Math.imul(seed, 31) + char.charCodeAt(0)) | 0;
  const rng = xoroshiro128plus(seed);
  const pick = (from: number, to: number) => unsafeUniformIntDistribution(from, to, rng);
  // Each element goes under an open element picked at random, so depth and breadth both vary.
  const children: number[][] = [[]];
  const tags = ["body"];
  for (let i = 1; i <= count; i++) {
    tags.push(RANDOM_TAGS[pick(0, RANDOM_TAGS.length - 1)]!);
    children.push([]);
    children[pick(Math.max(0, i - 8), i - 1)]!.push(i);
  }
  const write = (i: number): string => `<${tags[i]}>${children[i]!.map(write).join("")}</${tags[i]}>`;
  return `<!DOCTYPE html><html><head></head>${write(0)}</html>`;
}

/** Every variant of the corpus, in the table's order. */
export const GAMING_VARIANTS: readonly GamingVariant[] = [
  { name: "white-1440", what: "empty white page, 1,440 px tall", make: () => emptyPage(1440, "#ffffff") },
  { name: "white-4000", what: "empty white page, 4,000 px tall", make: () => emptyPage(4000, "#ffffff") },
  { name: "white-16000", what: "empty white page, 16,000 px tall", make: () => emptyPage(16000, "#ffffff") },
  { name: "black-720", what: "empty black page, 720 px tall", make: () => emptyPage(720, "#000000") },
  { name: "grey-4000", what: "empty grey (#808080) page, 4,000 px tall", make: () => emptyPage(4000, "#808080") },
  {
    name: "dominant-colour",
    what: "the screenshot's most frequent colour, at the screenshot's height",
    make: (sample) => {
      const { colour, height } = dominantColour(sample.image);
      return emptyPage(height, colour);
    },
  },
  { name: "text-dump", what: "the reference's visible text in one paragraph", make: (sample) => textDump(reference(sample)) },
  { name: "random-tags", what: "200 empty elements of common tags, nested at random", make: (sample) => randomTags(sample.id) },
  { name: "repeated-3x", what: "the reference's body three times over", make: (sample) => repeated(reference(sample)) },
  { name: "no-text", what: "the reference with every text node removed", make: (sample) => withoutText(reference(sample)) },
  { name: "shifted-40px", what: "the reference moved 40 px down", make: (sample) => shifted(reference(sample)) },
];

/** A sample as the corpus reads it: its id, reference page and screenshot. */
export interface GamingSource {
  id: string;
  html: string;
  image: Buffer;
}

function reference(sample: GamingSource): string {
  return sample.html;
}

/** Writes `dir/<variant>/<sample id>.html` for every variant and sample; returns each variant's folder. */
export async function writeGamingPredictions(samples: readonly Sample[], dir: string): Promise<Map<string, string>> {
  const sources = await Promise.all(
    samples.map(async (sample) => ({ id: sample.id, html: await sample.readHtml!(), image: await sample.readImage() })),
  );
  const folders = new Map<string, string>();
  for (const variant of GAMING_VARIANTS) {
    const folder = join(dir, variant.name);
    mkdirSync(folder, { recursive: true });
    for (const source of sources) writeFileSync(join(folder, `${source.id}.html`), variant.make(source));
    folders.set(variant.name, folder);
  }
  return folders;
}

/** The rows of the gaming table: the baseline panel, then the corpus. */
export const BASELINES = ["reference", "boxes", "blank"] as const;

export interface GamingScores {
  /** Row name (a baseline or a variant) to metric id to the mean over the samples. */
  means: Map<string, Record<string, number>>;
  /** The samples scored. */
  samples: Sample[];
  /** The metric ids in the runs, in the registry's order. */
  metrics: string[];
  /** Row name to its run folder. */
  runs: Map<string, string>;
}

/**
 * Writes the corpus for a dataset's first `limit` samples and scores it with the real CLI in one
 * `run`: the baselines and one `replay:` model per variant.
 */
export async function scoreGamingCorpus(options: {
  dataset: string;
  limit?: number;
  out: string;
  env?: NodeJS.ProcessEnv;
  extraArgs?: string[];
}): Promise<GamingScores> {
  const dataset = await loadDataset(options.dataset);
  const samples = dataset.samples.slice(0, options.limit ?? dataset.samples.length);
  const folders = await writeGamingPredictions(samples, join(options.out, "predictions"));
  const runsDir = join(options.out, "runs");
  const result = await runCli(
    [
      "run",
      "--dataset",
      options.dataset,
      ...BASELINES.flatMap((model) => ["--model", model]),
      ...[...folders.values()].flatMap((folder) => ["--model", `replay:${folder}`]),
      ...(options.limit === undefined ? [] : ["--limit", String(options.limit)]),
      "--out",
      runsDir,
      "--json",
      ...(options.extraArgs ?? []),
    ],
    { env: options.env },
  );
  if (result.code !== 0) throw new Error(`the gaming run failed (exit ${result.code}): ${result.stderr}`);
  const output = JSON.parse(result.stdout) as { runs: Array<{ dir: string; aggregates: Record<string, { mean: number }> }> };
  const rows = [...BASELINES, ...GAMING_VARIANTS.map((variant) => variant.name)];
  const means = new Map<string, Record<string, number>>();
  const runs = new Map<string, string>();
  output.runs.forEach((run, i) => {
    means.set(rows[i]!, Object.fromEntries(Object.entries(run.aggregates).map(([id, { mean }]) => [id, mean])));
    runs.set(rows[i]!, run.dir);
  });
  const present = new Set(Object.keys(output.runs[0]!.aggregates));
  return { means, samples, metrics: METRIC_IDS.filter((id) => present.has(id)), runs };
}

/** The scores as a Markdown table: a row per baseline and variant, a column per metric, means to 3 places. */
export function gamingTable(scores: GamingScores): string {
  const what = new Map<string, string>([
    ["reference", "the reference page itself (upper bound)"],
    ["boxes", "coloured boxes from the screenshot (baseline)"],
    ["blank", "an empty page, 720 px tall (lower bound)"],
    ...GAMING_VARIANTS.map((variant): [string, string] => [variant.name, variant.what]),
  ]);
  const head = `| prediction | what it is | ${scores.metrics.join(" | ")} |`;
  const rule = `| --- | --- | ${scores.metrics.map(() => "---:").join(" | ")} |`;
  const rows = [...scores.means].map(
    ([name, means]) => `| ${name} | ${what.get(name)} | ${scores.metrics.map((id) => means[id]!.toFixed(3)).join(" | ")} |`,
  );
  return [head, rule, ...rows].join("\n");
}
