/**
 * `npm run bench:clip [DATASET]`: the cost of d2c_clip per page pair on this machine's CPU, and what
 * resizing with libvips (sharp) instead of Pillow's exact resampling would move.
 *
 * No CLIP weights may be downloaded, so it writes (once, to the temp folder) an ONNX model of
 * CLIP ViT-B/32's image encoder with random weights: the same graph and size as the real one
 * (32 x 32 patches, 12 pre-norm blocks of width 768 with 12 heads, QuickGELU MLPs of 3072, class
 * token, 512-wide projection; 88 M parameters, about 4.4 GFLOPs an image), so its timings are the
 * real model's; its embeddings are not CLIP's. Beside it, the tests' tiny encoder.
 *
 * Each pair is a dataset screenshot against the next one, each with synthetic text boxes covering
 * about 15 % of the page (18-pixel lines, 40 % of the width, every 40 pixels), since text blocks
 * come from the renderer. BENCH_CLIP_THREADS (default "1,2") lists onnxruntime intra-op thread counts;
 * BENCH_CLIP_PAGES limits the pages. Times are wall clock and, in brackets, this process's CPU time
 * (all its threads): on a shared machine the CPU time is the steadier figure.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import prand from "pure-rand";
import sharp from "sharp";
import { loadDataset } from "../src/datasets/index.js";
import { loadClipEncoder, type ClipEncoder } from "../src/metrics/clip/encoder.js";
import { cosineSimilarity } from "../src/metrics/clip/cosine.js";
import { paintOutText } from "../src/metrics/clip/paint-out.js";
import { CLIP_SIDE, clipInput, normalise } from "../src/metrics/clip/preprocess.js";
import { toRgb, type RgbImage } from "../src/metrics/clip/rgb.js";
import { d2cClip } from "../src/metrics/d2c-clip.js";
import { decodePng } from "../src/shared/png.js";
import type { RasterImage } from "../src/metrics/index.js";
import { scorePair } from "../src/metrics/score-pair.js";
import { scorePage } from "../src/metrics/scored-page.js";
import type { TextBlock } from "../src/shared/index.js";
import {
  TINY_FEATURES,
  tinyEncoderGraph,
  writeOnnxModel,
  type OnnxGraph,
  type OnnxInitializer,
  type OnnxNode,
} from "../test/helpers/onnx.js";

const WIDTH = 768;
const HEADS = 12;
const LAYERS = 12;
const MLP = 3072;
const EMBED = 512;
const PATCH = 32;
const TOKENS = (CLIP_SIDE / PATCH) ** 2 + 1;

/** A ViT-B/32 image encoder graph (OpenAI CLIP's layout) with weights drawn from N(0, 0.02²)-like noise. */
function vitB32Graph(seed: number): OnnxGraph {
  const rng = prand.xoroshiro128plus(seed);
  const initializers: OnnxInitializer[] = [];
  const nodes: OnnxNode[] = [];
  const weight = (name: string, dims: number[], scale = 0.02, offset = 0) => {
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    // Sum of 4 uniforms: cheap, roughly normal.
    for (let i = 0; i < data.length; i++) {
      let u = 0;
      for (let k = 0; k < 4; k++) u += prand.unsafeUniformIntDistribution(0, 65535, rng) / 65535;
      data[i] = offset + (u - 2) * scale * 1.73;
    }
    initializers.push({ name, dims, float: data });
    return name;
  };
  const ints = (name: string, values: number[], dims = [values.length]) => (initializers.push({ name, dims, int64: values }), name);
  const scalar = (name: string, value: number) => (initializers.push({ name, dims: [], float: new Float32Array([value]) }), name);
  let counter = 0;
  const op = (type: string, inputs: string[], attributes?: OnnxNode["attributes"]) => {
    const out = `t${counter++}`;
    nodes.push({ op: type, inputs, outputs: [out], ...(attributes ? { attributes } : {}) });
    return out;
  };
  const layerNorm = (x: string, name: string) =>
    op("LayerNormalization", [x, weight(`${name}.g`, [WIDTH], 0.02, 1), weight(`${name}.b`, [WIDTH])], { axis: { int: -1 } });
  const linear = (x: string, name: string, from: number, to: number) =>
    op("Add", [op("MatMul", [x, weight(`${name}.w`, [from, to])]), weight(`${name}.b`, [to])]);

  const patches = op("Conv", ["pixel_values", weight("conv1", [WIDTH, 3, PATCH, PATCH])], {
    kernel_shape: { ints: [PATCH, PATCH] },
    strides: { ints: [PATCH, PATCH] },
  });
  const flat = op("Transpose", [op("Reshape", [patches, ints("s.patches", [1, WIDTH, TOKENS - 1])])], { perm: { ints: [0, 2, 1] } });
  let x = op("Add", [op("Concat", [weight("class", [1, 1, WIDTH]), flat], { axis: { int: 1 } }), weight("positions", [1, TOKENS, WIDTH])]);
  x = layerNorm(x, "ln_pre");
  const heads = ints("s.heads", [1, TOKENS, HEADS, WIDTH / HEADS]);
  const merged = ints("s.merged", [1, TOKENS, WIDTH]);
  const scale = scalar("attn.scale", 1 / Math.sqrt(WIDTH / HEADS));
  const quick = scalar("gelu.k", 1.702);
  for (let l = 0; l < LAYERS; l++) {
    const h = layerNorm(x, `l${l}.ln1`);
    const split = (name: string, perm: number[]) =>
      op("Transpose", [op("Reshape", [linear(h, `l${l}.${name}`, WIDTH, WIDTH), heads])], { perm: { ints: perm } });
    const q = split("q", [0, 2, 1, 3]);
    const k = split("k", [0, 2, 3, 1]);
    const v = split("v", [0, 2, 1, 3]);
    const attention = op("Softmax", [op("Mul", [op("MatMul", [q, k]), scale])], { axis: { int: -1 } });
    const context = op("Reshape", [op("Transpose", [op("MatMul", [attention, v])], { perm: { ints: [0, 2, 1, 3] } }), merged]);
    x = op("Add", [x, linear(context, `l${l}.out`, WIDTH, WIDTH)]);
    const up = linear(layerNorm(x, `l${l}.ln2`), `l${l}.fc`, WIDTH, MLP);
    const gelu = op("Mul", [up, op("Sigmoid", [op("Mul", [up, quick])])]);
    x = op("Add", [x, linear(gelu, `l${l}.proj`, MLP, WIDTH)]);
  }
  const cls = op("Gather", [x, ints("s.first", [0], [])], { axis: { int: 1 } });
  nodes.push({ op: "MatMul", inputs: [layerNorm(cls, "ln_post"), weight("proj", [WIDTH, EMBED])], outputs: ["image_embeds"] });
  return {
    inputs: [{ name: "pixel_values", shape: ["batch", 3, CLIP_SIDE, CLIP_SIDE] }],
    outputs: [{ name: "image_embeds", shape: ["batch", EMBED] }],
    initializers,
    nodes,
  };
}

/** Synthetic text lines: 18 px tall, 40 % of the width from x = 100, every 40 px. */
function textLines(width: number, height: number): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (let y = 10; y + 18 < height; y += 40)
    blocks.push({ text: "line", x: 100, y, width: Math.floor(width * 0.4), height: 18, color: [0, 0, 0] });
  return blocks;
}

/** Design2Code's resizes done by libvips instead (what the brief first proposed): for the comparison only. */
async function sharpInput(image: RgbImage): Promise<Float32Array> {
  const side = Math.min(image.width, image.height);
  const raw = (data: Uint8Array, width: number, height: number) => sharp(data, { raw: { width, height, channels: 3 } });
  const square =
    image.width === image.height
      ? image.data
      : await raw(image.data, image.width, image.height).resize(side, side, { fit: "fill", kernel: "lanczos3" }).raw().toBuffer();
  const small =
    side === CLIP_SIDE
      ? square
      : await raw(square, side, side).resize(CLIP_SIDE, CLIP_SIDE, { fit: "fill", kernel: "cubic" }).raw().toBuffer();
  return normalise(small);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Wall and CPU milliseconds of each call of `work`. */
class Timer {
  readonly wall: number[] = [];
  readonly cpu: number[] = [];
  async time<T>(work: () => T | Promise<T>): Promise<T> {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const result = await work();
    const used = process.cpuUsage(cpu);
    this.wall.push(performance.now() - wall);
    this.cpu.push((used.user + used.system) / 1000);
    return result;
  }
  toString(): string {
    return `median ${median(this.wall).toFixed(0)} ms, mean ${mean(this.wall).toFixed(0)} ms (CPU median ${median(this.cpu).toFixed(0)} ms, mean ${mean(this.cpu).toFixed(0)} ms)`;
  }
}

const dataset = await loadDataset(process.argv[2] ?? "mini");
const pngs = readdirSync(join(dataset.root, "screenshots"))
  .filter((f) => f.endsWith(".png"))
  .sort()
  .slice(0, Number(process.env.BENCH_CLIP_PAGES ?? Infinity));
const pages: Array<{ image: RasterImage; textBlocks: TextBlock[] }> = [];
for (const file of pngs) {
  const image = await decodePng(readFileSync(join(dataset.root, "screenshots", file)));
  pages.push({ image, textBlocks: textLines(image.width, image.height) });
}
const masked = pages.map((p) => p.textBlocks.reduce((sum, b) => sum + b.width * b.height, 0) / (p.image.width * p.image.height));
console.log(
  `${pages.length} screenshots of ${dataset.id}, heights ${Math.min(...pages.map((p) => p.image.height))}-${Math.max(...pages.map((p) => p.image.height))} px, text boxes ${(median(masked) * 100).toFixed(0)} % of a page (median)`,
);

// Per-page stages, the encoder aside.
const paint = new Timer();
const prep = new Timer();
const inputs: Float32Array[] = [];
const sharpInputs: Float32Array[] = [];
for (const p of pages) {
  const painted = await paint.time(() => paintOutText(toRgb(p.image), p.textBlocks));
  inputs.push(await prep.time(() => clipInput(painted)));
  sharpInputs.push(await sharpInput(painted));
}
console.log(`paint out text (Telea): ${paint} a page`);
console.log(`Pillow-exact resizes + normalise: ${prep} a page`);

const vitPath = join(tmpdir(), "w2c-bench-vit-b32-random.onnx");
if (!existsSync(vitPath)) {
  const t = performance.now();
  writeOnnxModel(vitPath, vitB32Graph(1));
  console.log(
    `wrote ${vitPath} (${(statSync(vitPath).size / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );
}
const tinyPath = writeOnnxModel(
  join(tmpdir(), "w2c-bench-tiny.onnx"),
  tinyEncoderGraph(
    Float32Array.from({ length: TINY_FEATURES * 16 }, (_, i) => Math.sin(i)),
    16,
  ),
);

async function timeEncoder(label: string, encoder: ClipEncoder): Promise<void> {
  const embed = new Timer();
  for (const input of inputs) await embed.time(() => encoder.embed(input));
  // Scored as a run scores a pair, with d2c_clip alone.
  const metrics = [d2cClip(encoder)];
  const scored = pages.map((p) => scorePage("", p.image, p.textBlocks));
  const pair = new Timer();
  for (let i = 0; i < scored.length; i++) await pair.time(() => scorePair(metrics, scored[i]!, scored[(i + 1) % scored.length]!));
  console.log(`${label}: embed ${embed} an image`);
  console.log(`${label}: d2c_clip ${pair} a pair (paint out, resize, embed; both pages)`);
}

/** What libvips' resizes would move: embeddings and pair scores, exact vs sharp preprocessing. */
async function compareResizes(label: string, encoder: ClipEncoder): Promise<void> {
  const exact: Float32Array[] = [];
  const viaSharp: Float32Array[] = [];
  for (let i = 0; i < pages.length; i++) {
    exact.push(new Float32Array(await encoder.embed(inputs[i]!)));
    viaSharp.push(new Float32Array(await encoder.embed(sharpInputs[i]!)));
  }
  const drift = exact.map((e, i) => 1 - cosineSimilarity(e, viaSharp[i]!));
  const pairShift = exact.map((e, i) => {
    const j = (i + 1) % exact.length;
    return Math.abs(cosineSimilarity(e, exact[j]!) - cosineSimilarity(viaSharp[i]!, viaSharp[j]!));
  });
  const inputShift = inputs.map((x, i) => x.reduce((m, v, k) => Math.max(m, Math.abs(v - sharpInputs[i]![k]!)), 0));
  console.log(
    `${label}, sharp instead of Pillow: input max |diff| ${median(inputShift).toFixed(3)} (median page); 1 - cos(exact, sharp) of a page's embedding: median ${median(drift).toExponential(1)}, max ${Math.max(...drift).toExponential(1)}; pair score moved by median ${median(pairShift).toExponential(1)}, max ${Math.max(...pairShift).toExponential(1)}`,
  );
}

const threads = (process.env.BENCH_CLIP_THREADS ?? "1,2").split(",").map(Number);
for (const n of threads) {
  const started = performance.now();
  const vit = await loadClipEncoder(vitPath, { device: "cpu", threads: n });
  console.log(`ViT-B/32 (random weights) loaded in ${((performance.now() - started) / 1000).toFixed(1)} s, ${n} thread(s)`);
  await timeEncoder(`ViT-B/32, ${n} thread(s)`, vit);
  if (n === threads[0]) await compareResizes("ViT-B/32", vit);
  await vit.close();
}
const tiny = await loadClipEncoder(tinyPath, { device: "cpu", threads: 1 });
await timeEncoder("tiny encoder, 1 thread", tiny);
await compareResizes("tiny encoder", tiny);
await tiny.close();
