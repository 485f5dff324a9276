import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClipEncoder, type ClipEncoder } from "../../src/metrics/clip/encoder.js";
import { paintOutText } from "../../src/metrics/clip/paint-out.js";
import { clipInput } from "../../src/metrics/clip/preprocess.js";
import { toRgb } from "../../src/metrics/clip/rgb.js";
import { d2cClip } from "../../src/metrics/d2c-clip.js";
import { scorePage } from "../../src/metrics/scored-page.js";
import type { RasterImage, ScoredPage } from "../../src/metrics/types.js";
import type { TextBlock } from "../../src/shared/index.js";
import { tempDir } from "../helpers/dataset.js";
import { TINY_FEATURES, tinyEncoderGraph, tinyEncoderReference, writeOnnxModel } from "../helpers/onnx.js";
import { score } from "./helpers.js";

const DIM = 16;
const WEIGHTS = Float32Array.from({ length: TINY_FEATURES * DIM }, (_, i) => Math.sin(i * 0.61) + 0.2);

/** A width x height RGBA render: a horizontal colour ramp under a dark bar where the "text" sits. */
function render(width: number, height: number, tint: number): RasterImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const text = y >= 4 && y < 8 && x >= 3 && x < width - 3;
      data.set(text ? [10, 10, 10, 255] : [(x * 9 + tint) % 256, (y * 7) % 256, (200 + tint) % 256, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

const TEXT: TextBlock[] = [{ text: "t", x: 3, y: 4, width: 24, height: 4, color: [0, 0, 0] }];
/** A scored page with its text blocks; `null`: none were extracted. */
const scored = (image: RasterImage, textBlocks: TextBlock[] | null = TEXT): ScoredPage => scorePage("", image, textBlocks);

/** The same score computed without onnxruntime: the float64 tiny encoder, and the cosine written out. */
function independent(pred: ScoredPage, ref: ScoredPage): number {
  const [a, b] = [pred, ref].map((p) =>
    tinyEncoderReference(clipInput(paintOutText(toRgb(p.render as RasterImage), p.textBlocks!)), WEIGHTS, DIM),
  ) as [Float64Array, Float64Array];
  let dot = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((v, i) => {
    dot += v * b[i]!;
    aa += v * v;
    bb += b[i]! * b[i]!;
  });
  return dot / Math.sqrt(aa) / Math.sqrt(bb);
}

let encoder: ClipEncoder;
beforeAll(async () => {
  encoder = await loadClipEncoder(writeOnnxModel(join(tempDir("w2c-clip-"), "tiny.onnx"), tinyEncoderGraph(WEIGHTS, DIM)), {
    device: "cpu",
  });
});
afterAll(() => encoder.close());

describe("d2c_clip", () => {
  it("scores a page against itself 1", async () => {
    const p = scored(render(30, 20, 0));
    expect(Math.abs((await score(d2cClip(encoder), p, p)) - 1)).toBeLessThan(1e-6);
  });

  it("scores two pages as the encoder's embeddings' cosine, computed independently", async () => {
    const pred = scored(render(30, 20, 0));
    const ref = scored(render(40, 25, 10), [{ text: "t", x: 2, y: 3, width: 30, height: 6, color: [0, 0, 0] }]);
    const value = await score(d2cClip(encoder), pred, ref);
    const expected = independent(pred, ref);
    expect(expected).toBeCloseTo(0.99727, 5); // far enough from 1 to tell the pages apart
    expect(Math.abs(value - expected)).toBeLessThan(1e-6);
  });

  it("scores a negative cosine 0 (real CLIP embeddings of two screenshots do not give one)", async () => {
    const pred = scored(render(30, 20, 0));
    const ref = scored(render(40, 25, 120), [{ text: "t", x: 2, y: 3, width: 30, height: 6, color: [0, 0, 0] }]);
    expect(independent(pred, ref)).toBeCloseTo(-0.98456, 5);
    expect(await score(d2cClip(encoder), pred, ref)).toBe(0);
  });

  it("paints the text out first: pages that differ only inside their text boxes score 1", async () => {
    const blank = render(30, 20, 0);
    const other = { ...blank, data: new Uint8Array(blank.data) };
    for (let x = 5; x < 20; x++) other.data.set([250, 250, 250, 255], (5 * 30 + x) * 4); // different "words" in the bar
    expect(Math.abs((await score(d2cClip(encoder), scored(blank), scored(other))) - 1)).toBeLessThan(1e-6);
    expect(await score(d2cClip(encoder), scored(blank, []), scored(other, []))).toBeLessThan(1 - 1e-6);
  });

  it("fails a page whose text blocks were not extracted rather than score it unmasked", async () => {
    const p = scored(render(30, 20, 0));
    await expect(score(d2cClip(encoder), scored(render(30, 20, 0), null), p)).rejects.toThrow(
      "the prediction's render carries no text blocks (renderer before version 3, or a page that broke the DOM APIs measuring them)",
    );
  });
});
