// The page sets of the Design2Code parity check: for every sample of a dataset, the reference itself and
// deliberately damaged copies, written twice: as replay folders for our `score`, and as the flat folders
// Design2Code's code reads (<id>.html beside its assets, so `../assets/` becomes `assets/`).
//
//   npm run parity:sets -- --out DIR [--dataset mini] [--every 2]
//
// DIR/ours/<set>/<id>.html   replay predictions of every sample, for
//                            `web2code-eval score --dataset D --predictions DIR/ours/<set> --no-libraries --no-cache`
// DIR/peer/ref/<id>.html     the references of every N-th sample (--every N: their code takes 10-60 s a pair)
// DIR/peer/<set>/<id>.html   the same predictions, for the peer's --pred
// `blank` and `boxes` are our baselines' own output, so both sides score the same page.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { defaultTreeAdapter, parse, serialize, type DefaultTreeAdapterMap } from "parse5";
import { loadDataset } from "../../src/datasets/index.js";
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
  options: { out: { type: "string" }, dataset: { type: "string", default: "mini" }, every: { type: "string", default: "1" } },
});
if (!values.out) throw new Error("--out DIR is required");
const out = resolve(values.out);
const every = Number(values.every);
if (!Number.isInteger(every) || every < 1) throw new Error(`--every ${values.every}: expected a whole number of at least 1`);
const dataset = await loadDataset(values.dataset);
const assets = dataset.assetRoot && join(dataset.assetRoot, "assets");
if (!assets) throw new Error(`${values.dataset}: expected a dataset folder laid out like mini (pages/ beside assets/)`);

/** Design2Code reads a flat folder: the dataset's assets sit beside the pages. */
const flat = (html: string) => html.replaceAll("../assets/", "assets/");

function writePage(dir: string, id: string, html: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${id}.html`), html);
}

let peerPages = 0;
for (const [index, sample] of dataset.samples.entries()) {
  const forPeer = index % every === 0;
  peerPages += Number(forPeer);
  const write = (set: string, id: string, html: string) => {
    writePage(join(out, "ours", set), id, html);
    if (forPeer) writePage(join(out, "peer", set), id, flat(html));
  };
  const reference = await sample.readHtml!();
  write("self", sample.id, reference);
  if (forPeer) writePage(join(out, "peer", "ref"), sample.id, flat(reference));
  for (const [set, damage] of Object.entries(DAMAGE)) write(set, sample.id, damage(reference));
  write("blank", sample.id, BLANK_HTML);
  write("boxes", sample.id, boxesHtml(await sample.readImage()));
}
for (const set of ["ref", "self", ...Object.keys(DAMAGE), "blank", "boxes"]) {
  cpSync(assets, join(out, "peer", set, "assets"), { recursive: true });
}
console.log(`${dataset.samples.length} samples of ${dataset.id} in ${join(out, "ours")}, ${peerPages} of them in ${join(out, "peer")}`);
