// The page sets of the Design2Code parity check: for every sample of a dataset, the reference itself and
// deliberately damaged copies, written twice: as replay folders for our `score`, and as the flat folders
// Design2Code's code reads (<id>.html beside the files its pages load).
//
//   npm run parity:sets -- --out DIR [--dataset mini|FOLDER] [--every 2] [--rotate]
//
// DIR/ours/<set>/<id>.html   replay predictions of every sample, for
//                            `web2code-eval score --dataset D --predictions DIR/ours/<set> --no-libraries --no-cache`
//                            (`--shard 1/N` scores just the samples --every N chose)
// DIR/peer/ref/<id>.html     the references of every N-th sample (--every N: their code takes 13 s-6 min a pair)
// DIR/peer/<set>/<id>.html   the same predictions, for the peer's --pred
// --rotate puts the k-th chosen page into one peer set only, set k mod 5 of self and the four damaged sets, so
// many distinct pages give many pairs at a fifth of the peer's time (blank and boxes score 0 on both sides:
// no peer folder).
// `blank` and `boxes` are our baselines' own output, so both sides score the same page.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { defaultTreeAdapter, parse, serialize, type DefaultTreeAdapterMap } from "parse5";
import { listFiles, loadDataset } from "../../src/datasets/index.js";
import { BLANK_HTML, boxesHtml } from "../../src/model/index.js";
import { append, element, shifted } from "../../test/helpers/gaming.js";

type ParentNode = DefaultTreeAdapterMap["parentNode"];
type ChildNode = DefaultTreeAdapterMap["childNode"];

/** Elements that hold a block of text of their own: the units the damage works on. */
const TEXT_BLOCKS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "figcaption", "button", "label", "dt", "dd"]);
const NO_VISIBLE_TEXT = new Set(["head", "script", "style", "noscript", "template"]);

/** Every node under `root` in document order, not entering elements whose tag is in `stopAt`. */
function* walk(root: ParentNode, stopAt: ReadonlySet<string>): Generator<ChildNode> {
  const stack: ChildNode[] = [...root.childNodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    yield node;
    if (defaultTreeAdapter.isElementNode(node) && stopAt.has(node.tagName)) continue;
    if ("childNodes" in node) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
}

const BLOCK_OR_HIDDEN = new Set([...TEXT_BLOCKS, ...NO_VISIBLE_TEXT]);

/** Every third text block removed (outermost blocks only: the walk does not enter a block, so nothing is removed twice). */
export function removedBlocks(html: string): string {
  const document = parse(html);
  const blocks = [...walk(document, BLOCK_OR_HIDDEN)].filter(
    (node) => defaultTreeAdapter.isElementNode(node) && TEXT_BLOCKS.has(node.tagName),
  );
  blocks.forEach((block, index) => {
    if (index % 3 === 1) defaultTreeAdapter.detachNode(block);
  });
  return serialize(document);
}

/** In every second text node, every third word replaced: the same blocks, different words. */
export function editedText(html: string): string {
  const document = parse(html);
  let textIndex = 0;
  for (const node of walk(document, NO_VISIBLE_TEXT)) {
    if (!defaultTreeAdapter.isTextNode(node) || node.value.trim() === "") continue;
    if (textIndex++ % 2 !== 0) continue;
    let wordIndex = 0;
    node.value = node.value.replace(/\S+/g, (word) => (wordIndex++ % 3 === 1 ? "changed" : word));
  }
  return serialize(document);
}

/** Headings, links and controls in one red, running text in one blue. */
export function recoloured(html: string): string {
  const document = parse(html);
  append(
    element(document, "head"),
    "<style>h1,h2,h3,h4,h5,h6,a,strong,b,button,th,label { color: #c0392b !important; }" +
      " p,li,td,dd,span { color: #1a5fb4 !important; }</style>",
  );
  return serialize(document);
}

const DAMAGE = { removed: removedBlocks, edited: editedText, recoloured, shifted };

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    dataset: { type: "string", default: "mini" },
    every: { type: "string", default: "1" },
    rotate: { type: "boolean", default: false },
  },
});
if (!values.out) throw new Error("--out DIR is required");
const out = resolve(values.out);
const every = Number(values.every);
if (!Number.isInteger(every) || every < 1) throw new Error(`--every ${values.every}: expected a whole number of at least 1`);
const dataset = await loadDataset(values.dataset);
const assetRoot = dataset.assetRoot;
if (!assetRoot) throw new Error(`${values.dataset}: expected a dataset folder (pages with the files they load), not rows of a table`);

/**
 * What the pages may load, for the flat folders: the asset root's files that are no sample's page or
 * screenshot (mini's assets/, a Design2Code folder's rick.jpg), the manifest left out.
 */
const withheld = new Set(dataset.withheldFiles.map((file) => relative(assetRoot, file).split(sep).join("/")));
const assets = listFiles(assetRoot).filter((file) => !withheld.has(file) && file !== "dataset.json");

/**
 * Design2Code reads a flat folder. A Design2Code folder is one already; mini's pages sit in pages/ and
 * load ../assets/, which the flat folder has beside them.
 */
const flat = (html: string, pagePath: string) => (pagePath.includes("/") ? html.replaceAll("../assets/", "assets/") : html);

function writePage(dir: string, id: string, html: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${id}.html`), html);
}

const ROTATION = ["self", ...Object.keys(DAMAGE)];
let chosen = 0;
/** The peer folders the index-th sample goes into: none, or the references and every set, or with --rotate one set in turn. */
function peerSetsOf(index: number): string[] {
  if (index % every !== 0) return [];
  return ["ref", ...(values.rotate ? [ROTATION[chosen++ % ROTATION.length]!] : [...ROTATION, "blank", "boxes"])];
}

const peerCounts = new Map<string, number>();
for (const [index, sample] of dataset.samples.entries()) {
  const peerSets = peerSetsOf(index);
  const peer = (set: string, html: string) => {
    if (peerSets.includes(set)) writePage(join(out, "peer", set), sample.id, flat(html, sample.pagePath));
  };
  const write = (set: string, html: string) => {
    writePage(join(out, "ours", set), sample.id, html);
    peer(set, html);
  };
  const reference = await sample.readHtml!();
  peer("ref", reference);
  write("self", reference);
  for (const [set, damage] of Object.entries(DAMAGE)) write(set, damage(reference));
  write("blank", BLANK_HTML);
  write("boxes", await boxesHtml(await sample.readImage()));
  for (const set of peerSets) peerCounts.set(set, (peerCounts.get(set) ?? 0) + 1);
}
for (const set of peerCounts.keys()) {
  for (const file of assets) cpSync(join(assetRoot, file), join(out, "peer", set, file));
}
const counts = [...peerCounts].map(([set, n]) => `${set} ${n}`).join(", ");
console.log(`${dataset.samples.length} samples of ${dataset.id} in ${join(out, "ours")}; in ${join(out, "peer")}: ${counts}`);
