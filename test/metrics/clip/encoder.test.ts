import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ClipModelError, loadClipEncoder } from "../../../src/metrics/clip/encoder.js";
import { BadInputError } from "../../../src/shared/index.js";
import { tempDir } from "../../helpers/dataset.js";
import {
  CLIP_SIDE,
  onnxModel,
  TINY_FEATURES,
  tinyEncoderGraph,
  tinyEncoderReference,
  writeOnnxModel,
  type OnnxGraph,
} from "../../helpers/onnx.js";

const DIM = 8;
const WEIGHTS = Float32Array.from({ length: TINY_FEATURES * DIM }, (_, i) => Math.sin(i * 0.37));
const INPUT = Float32Array.from({ length: 3 * CLIP_SIDE * CLIP_SIDE }, (_, i) => Math.cos(i * 0.001));

let dir: string;
let tiny: string;
beforeAll(() => {
  dir = tempDir("w2c-clip-");
  tiny = writeOnnxModel(join(dir, "tiny.onnx"), tinyEncoderGraph(WEIGHTS, DIM));
});

/** The load error's message, checked to be a one-line ClipModelError (exit 2). */
async function loadError(path: string): Promise<string> {
  const error = await loadClipEncoder(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClipModelError);
  expect(error).toBeInstanceOf(BadInputError);
  const message = (error as Error).message;
  expect(message).not.toMatch(/\n/);
  expect(message.startsWith(`${path}: `)).toBe(true);
  return message;
}

/** A model file with the tiny encoder's graph changed by `edit`. */
function variant(name: string, edit: (graph: OnnxGraph) => OnnxGraph): string {
  return writeOnnxModel(join(dir, `${name}.onnx`), edit(tinyEncoderGraph(WEIGHTS, DIM)));
}

describe("loadClipEncoder", () => {
  it("runs an ONNX image encoder on the CPU and gives its embedding", async () => {
    const encoder = await loadClipEncoder(tiny, { device: "cpu" });
    try {
      expect(encoder).toMatchObject({
        path: tiny,
        provider: "cpu",
        inputName: "pixel_values",
        outputName: "image_embeds",
        dimensions: DIM,
      });
      const embedding = await encoder.embed(INPUT);
      const expected = tinyEncoderReference(INPUT, WEIGHTS, DIM);
      expect(embedding).toBeInstanceOf(Float32Array);
      [...embedding].forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    } finally {
      await encoder.close();
    }
  });

  it("takes CPU in auto mode when onnxruntime-node has no CUDA provider installed", async () => {
    const encoder = await loadClipEncoder(tiny);
    expect(encoder.provider).toBe("cpu");
    expect(encoder.fallback).toBeUndefined();
    await encoder.close();
  });

  it("accepts a fixed batch of 1 and, among several outputs, the one named image_embeds", async () => {
    const path = variant("two-outputs", (g) => ({
      ...g,
      inputs: [{ ...g.inputs[0]!, shape: [1, 3, CLIP_SIDE, CLIP_SIDE] }],
      outputs: [{ name: "pooled", shape: [1, 3, 7, 7] }, ...g.outputs],
    }));
    const encoder = await loadClipEncoder(path, { device: "cpu" });
    expect(encoder.outputName).toBe("image_embeds");
    expect((await encoder.embed(INPUT)).length).toBe(DIM);
    await encoder.close();
  });

  it("names the file when it is missing or not ONNX", async () => {
    expect(await loadError(join(dir, "absent.onnx"))).toBe(`${join(dir, "absent.onnx")}: cannot read the CLIP model (ENOENT)`);
    expect(await loadError(dir)).toBe(`${dir}: not a file`);
    const text = join(dir, "weights.txt");
    writeFileSync(text, "these are not weights\n");
    expect(await loadError(text)).toMatch(/: onnxruntime cannot load it as an ONNX model \(.*\)$/);
  });

  it("names the file and the input when the input is not one float32 [batch, 3, 224, 224] image", async () => {
    // A valid model for 32 x 32 images: one pooling cell, 3 features.
    const small = variant("small", (g) => ({
      ...g,
      inputs: [{ name: "pixel_values", shape: ["batch", 3, 32, 32] }],
      initializers: [{ name: "w", dims: [3, DIM], float: WEIGHTS.subarray(0, 3 * DIM) }],
    }));
    expect(await loadError(small)).toBe(
      `${small}: input pixel_values is float32 [batch, 3, 32, 32], expected float32 [batch, 3, 224, 224]`,
    );
    const twoInputs = variant("two-inputs", (g) => ({
      ...g,
      inputs: [...g.inputs, { name: "input_ids", shape: ["batch", 77], element: "int64" }],
    }));
    expect(await loadError(twoInputs)).toBe(
      `${twoInputs}: a CLIP image encoder has one tensor input, this model has 2 (pixel_values, input_ids)`,
    );
  });

  it("names the file and the outputs when no output is the embedding", async () => {
    const hidden = variant("hidden", (g) => ({
      ...g,
      outputs: [{ name: "last_hidden_state", shape: ["batch", 3, 7, 7] }],
      nodes: g.nodes.slice(0, 1).map((n) => ({ ...n, outputs: ["last_hidden_state"] })),
      initializers: [],
    }));
    expect(await loadError(hidden)).toBe(
      `${hidden}: output last_hidden_state is float32 [batch, 3, 7, 7], expected the embedding as float32 [batch, dimensions]`,
    );
    const unnamed = variant("unnamed", (g) => ({
      ...g,
      outputs: [
        { name: "pooled", shape: ["batch", 3, 7, 7] },
        { name: "features", shape: ["batch", DIM] },
      ],
      nodes: [{ ...g.nodes[0]! }, { ...g.nodes[1]! }, { ...g.nodes[2]!, outputs: ["features"] }],
    }));
    expect(await loadError(unnamed)).toBe(
      `${unnamed}: 2 outputs (pooled, features) and none named image_embeds; export the image encoder with its projection as one output`,
    );
  });

  it("names the file when the graph fails on a 224 x 224 image", async () => {
    // Declares [batch, 3, 224, 224] but reshapes to a size that does not fit it.
    const path = join(dir, "broken.onnx");
    writeFileSync(
      path,
      onnxModel({
        inputs: [{ name: "pixel_values", shape: ["batch", 3, CLIP_SIDE, CLIP_SIDE] }],
        outputs: [{ name: "image_embeds", shape: ["batch", DIM] }],
        initializers: [{ name: "shape", dims: [2], int64: [1, 1000] }],
        nodes: [{ op: "Reshape", inputs: ["pixel_values", "shape"], outputs: ["image_embeds"] }],
      }),
    );
    expect(await loadError(path)).toMatch(/: running it on a 224x224 image failed \(.+\)$/);
  });
});
