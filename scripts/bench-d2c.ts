/**
 * `npm run bench:d2c [-- DATASET]`: the cost of the Design2Code scores (block matching with
 * its merge search: d2c_block_match, d2c_text, d2c_position, d2c_color, one computation) and of ssim,
 * per page pair, on the pages of a dataset (default `mini`).
 *
 * Pairs: each reference page against the prediction of the `reference`, `boxes` and `blank` baselines,
 * all rendered by the tool's renderer (text blocks from the same pass); then two sets made from the
 * references' own block lists, to load the merge search as real predictions do: `edited` (a seeded
 * edit of each page's blocks: lines split, neighbours joined, words changed, blocks moved, recoloured,
 * dropped or invented) and `other page` (each page against the next one's blocks). Each pair is scored
 * as a run scores it (`scorePair`), with the four d2c_* metrics, then with ssim alone (renders only).
 * Times are CPU milliseconds of one thread, the median of 3 runs per pair, after one warm-up pass.
 */
import { loadDataset } from "../src/datasets/index.js";
import { d2cBlockMatch } from "../src/metrics/d2c-block-match.js";
import { d2cColor } from "../src/metrics/d2c-color.js";
import { d2cPosition } from "../src/metrics/d2c-position.js";
import { d2cText } from "../src/metrics/d2c-text.js";
import { scorePair } from "../src/metrics/score-pair.js";
import { scorePage } from "../src/metrics/scored-page.js";
import { ssim } from "../src/metrics/ssim.js";
import type { Metric, ScoredPage } from "../src/metrics/types.js";
import { decodePng } from "../src/shared/png.js";
import { createBackend } from "../src/model/index.js";
import { Renderer } from "../src/render/index.js";
import { ask } from "../src/runner/run-sample.js";
import type { TextBlock } from "../src/shared/index.js";

interface Side {
  /** The page as scorePair reads it: no HTML (the d2c_* scores and ssim read none), its render's pixels, its text blocks. */
  page: ScoredPage & { textBlocks: readonly TextBlock[] };
  /** Rendered by the renderer, not made from another page's blocks: only such pairs time ssim. */
  rendered: boolean;
}
const D2C = [d2cBlockMatch, d2cText, d2cPosition, d2cColor];

const dataset = await loadDataset(process.argv[2] ?? "mini");
const renderer = await Renderer.launch({ assetRoot: dataset.assetRoot, viewport: dataset.viewport, concurrency: 2 });

async function render(html: string, pagePath: string): Promise<Side> {
  const result = await renderer.render({ html, pagePath });
  if (!result.ok || !result.facts.textBlocks) throw new Error(`${pagePath}: ${result.ok ? "no text blocks" : result.error}`);
  return { page: { ...scorePage("", await decodePng(result.png)), textBlocks: result.facts.textBlocks }, rendered: true };
}

const refs = new Map<string, Side>();
const sets = new Map<string, Array<{ id: string; pred: Side; ref: Side }>>();
for (const spec of ["reference", "boxes", "blank"]) {
  const backend = await createBackend(spec, { task: "image2html", cacheRoot: "" });
  const pairs = await Promise.all(
    dataset.samples.map(async (sample) => {
      const refHtml = await sample.readHtml!();
      const pagePath = sample.pagePath;
      const reply = await ask(
        backend,
        {
          sampleId: sample.id,
          task: "image2html",
          image: await sample.readImage(),
          instruction: dataset.instruction,
          viewport: dataset.viewport,
          sampling: {},
          deadline: Date.now() + 60_000,
        },
        { referenceHtml: refHtml },
        new AbortController().signal,
      );
      if (!reply.ok) throw new Error(`${spec} ${sample.id}: ${reply.error}`);
      if (!refs.has(sample.id)) refs.set(sample.id, await render(refHtml, pagePath));
      return { id: sample.id, pred: await render(reply.text, pagePath), ref: refs.get(sample.id)! };
    }),
  );
  sets.set(spec, pairs);
}
await renderer.close();

/** A seeded LCG, the same sequence on every run. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function edited(blocks: readonly TextBlock[], seed: number): TextBlock[] {
  const random = lcg(seed);
  const out: TextBlock[] = [];
  for (const block of blocks) {
    const r = random();
    if (r < 0.08) continue;
    const moved = {
      ...block,
      x: Math.max(0, block.x + Math.round((random() - 0.5) * 80)),
      y: Math.max(0, block.y + Math.round((random() - 0.5) * 120)),
    };
    if (r < 0.12) moved.color = [Math.floor(random() * 256), Math.floor(random() * 256), Math.floor(random() * 256)];
    const words = block.text.split(" ");
    if (r < 0.3 && words.length > 1) {
      const cut = 1 + Math.floor(random() * (words.length - 1));
      const half = Math.max(1, Math.round(moved.height / 2));
      out.push({ ...moved, text: words.slice(0, cut).join(" "), height: half });
      out.push({ ...moved, text: words.slice(cut).join(" "), y: moved.y + half, height: half });
      continue;
    }
    if (r < 0.45) words[Math.floor(random() * words.length)] = "changed";
    out.push({ ...moved, text: words.join(" ") });
    if (r > 0.95 && out.length > 1) {
      const [a, b] = out.splice(-2, 2) as [TextBlock, TextBlock];
      out.push({ ...a, text: `${a.text} ${b.text}`, height: b.y + b.height - a.y });
    }
    if (r > 0.93 && r <= 0.95) out.push({ ...moved, text: "Invented words here", y: moved.y + 40 });
  }
  return out;
}

const ids = [...refs.keys()];
sets.set(
  "edited",
  ids.map((id, k) => {
    const ref = refs.get(id)!;
    return { id, pred: { page: { ...ref.page, textBlocks: edited(ref.page.textBlocks, k + 1) }, rendered: false }, ref };
  }),
);
sets.set(
  "other page",
  ids.map((id, k) => ({ id, pred: { page: refs.get(ids[(k + 1) % ids.length]!)!.page, rendered: false }, ref: refs.get(id)! })),
);

/** CPU milliseconds of scoring a pair with the given metrics; nothing else runs meanwhile. */
async function cpuMs(metrics: readonly Metric[], pred: Side, ref: Side): Promise<number> {
  const started = process.cpuUsage();
  await scorePair(metrics, pred.page, ref.page);
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}
const medianOf3 = async (metrics: readonly Metric[], pred: Side, ref: Side) =>
  median([await cpuMs(metrics, pred, ref), await cpuMs(metrics, pred, ref), await cpuMs(metrics, pred, ref)]);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

console.log(`Dataset ${dataset.id}: ${ids.length} pages; CPU ms per page pair (median of 3 runs).\n`);
console.log("| pairs | blocks pred / ref (mean) | d2c: mean | median | p90 | max (page) | ssim: mean | max |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const [name, pairs] of sets) {
  for (const { pred, ref } of pairs) await scorePair(D2C, pred.page, ref.page);
  const d2c: number[] = [];
  const ssimMs: number[] = [];
  for (const { pred, ref } of pairs) {
    d2c.push(await medianOf3(D2C, pred, ref));
    if (pred.rendered && ref.rendered) ssimMs.push(await medianOf3([ssim], pred, ref));
  }
  const worst = d2c.indexOf(Math.max(...d2c));
  const blocks = (side: "pred" | "ref") => (pairs.reduce((s, p) => s + p[side].page.textBlocks.length, 0) / pairs.length).toFixed(0);
  const mean = (values: number[]) => (values.length ? (values.reduce((a, b) => a + b, 0) / values.length).toFixed(1) : "-");
  console.log(
    `| ${name} | ${blocks("pred")} / ${blocks("ref")} | ${mean(d2c)} | ${median(d2c).toFixed(1)} | ${quantile(d2c, 0.9).toFixed(1)} | ` +
      `${Math.max(...d2c).toFixed(1)} (${pairs[worst]!.id}) | ${mean(ssimMs)} | ${ssimMs.length ? Math.max(...ssimMs).toFixed(1) : "-"} |`,
  );
}
