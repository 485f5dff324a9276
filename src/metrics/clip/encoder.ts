import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { InferenceSession } from "onnxruntime-node";
import { BadInputError, fsReason, oneLine } from "../../shared/index.js";
import { CLIP_SIDE } from "./preprocess.js";

/** `--clip-model` names a file that is not a usable CLIP image encoder (exit 2). */
export class ClipModelError extends BadInputError {}

/** Where the encoder runs: `auto` takes CUDA when onnxruntime-node has its CUDA provider and it starts, else the CPU. */
export type ClipDevice = "auto" | "cpu" | "cuda";

export interface ClipEncoderOptions {
  device?: ClipDevice;
  /**
   * onnxruntime's intra-op threads on the CPU. Default 1: scoring already runs one worker thread
   * per core but one, each with its own encoder, so more threads would only contend.
   */
  threads?: number;
}

export interface ClipEncoder {
  path: string;
  /** The execution provider that runs the model. */
  provider: "cpu" | "cuda";
  /** Why `auto` did not take CUDA, when CUDA was there but would not start. */
  fallback?: string;
  inputName: string;
  outputName: string;
  /** Length of the embedding. */
  dimensions: number;
  /** The embedding of one preprocessed image: float32 [3, 224, 224], channels first. */
  embed(pixels: Float32Array): Promise<Float32Array>;
  close(): Promise<void>;
}

/** The name of the output a CLIP image encoder exported with its projection gives (transformers' naming). */
const EMBEDDING_OUTPUT = "image_embeds";
const INPUT_SHAPE = [3, CLIP_SIDE, CLIP_SIDE];

type Ort = typeof import("onnxruntime-node");
type TensorMetadata = Extract<InferenceSession.ValueMetadata, { isTensor: true }>;

/** onnxruntime-node's CUDA provider library: only on Linux x64, and only when installed with `ONNXRUNTIME_NODE_INSTALL=cuda12`. */
function hasCudaProvider(): boolean {
  const binding = join(
    dirname(createRequire(import.meta.url).resolve("onnxruntime-node")),
    "..",
    "bin",
    "napi-v6",
    process.platform,
    process.arch,
  );
  return existsSync(join(binding, "libonnxruntime_providers_cuda.so"));
}

/** Loaded only here, so that a run without `--clip-model` never loads onnxruntime. */
async function importOrt(path: string): Promise<Ort> {
  try {
    return await import("onnxruntime-node");
  } catch (error) {
    throw new ClipModelError(
      `${path}: --clip-model needs the optional package onnxruntime-node (install it with \`ONNXRUNTIME_NODE_INSTALL=skip npm i -E onnxruntime-node@1.30.0\`): ${oneLine(error)}`,
    );
  }
}

function describeShape(value: TensorMetadata): string {
  return `${value.type} [${value.shape.join(", ")}]`;
}

/** A batch dimension: symbolic, or 1 (we feed one image at a time). */
const isBatch = (dim: number | string) => typeof dim === "string" || dim === 1;
/** A fixed dimension: the size it must have, or symbolic (exports may leave every axis dynamic). */
const fits = (dim: number | string | undefined, size: number) => typeof dim === "string" || dim === size;

function checkInput(path: string, session: InferenceSession): TensorMetadata {
  const inputs = session.inputMetadata;
  const input = inputs[0];
  if (inputs.length !== 1 || !input?.isTensor) {
    throw new ClipModelError(
      `${path}: a CLIP image encoder has one tensor input, this model has ${inputs.length} (${session.inputNames.join(", ")})`,
    );
  }
  const [batch, ...rest] = input.shape;
  if (
    input.type !== "float32" ||
    input.shape.length !== 4 ||
    batch === undefined ||
    !isBatch(batch) ||
    !INPUT_SHAPE.every((size, i) => fits(rest[i], size))
  ) {
    throw new ClipModelError(
      `${path}: input ${input.name} is ${describeShape(input)}, expected float32 [batch, 3, ${CLIP_SIDE}, ${CLIP_SIDE}]`,
    );
  }
  return input;
}

function checkOutput(path: string, session: InferenceSession): TensorMetadata {
  const outputs = session.outputMetadata;
  const output = outputs.length === 1 ? outputs[0] : outputs.find((o) => o.name === EMBEDDING_OUTPUT);
  if (!output) {
    throw new ClipModelError(
      `${path}: ${outputs.length} outputs (${session.outputNames.join(", ")}) and none named ${EMBEDDING_OUTPUT}; export the image encoder with its projection as one output`,
    );
  }
  if (!output.isTensor || output.type !== "float32" || output.shape.length !== 2 || !isBatch(output.shape[0]!)) {
    const shape = output.isTensor ? describeShape(output) : "not a tensor";
    throw new ClipModelError(`${path}: output ${output.name} is ${shape}, expected the embedding as float32 [batch, dimensions]`);
  }
  return output;
}

async function createSession(ort: Ort, path: string, provider: "cpu" | "cuda", threads: number): Promise<InferenceSession> {
  return ort.InferenceSession.create(path, {
    executionProviders: [provider],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
    // onnxruntime logs its own errors to stderr; ours carry them.
    logSeverityLevel: 4,
  });
}

/** Loads an ONNX CLIP image encoder and checks that it takes one 224x224 RGB image and gives one embedding. */
export async function loadClipEncoder(path: string, options: ClipEncoderOptions = {}): Promise<ClipEncoder> {
  try {
    if (!statSync(path).isFile()) throw new ClipModelError(`${path}: not a file`);
  } catch (error) {
    if (error instanceof ClipModelError) throw error;
    throw new ClipModelError(`${path}: cannot read the CLIP model (${fsReason(error)})`);
  }
  const ort = await importOrt(path);
  ort.env.logLevel = "fatal";
  const device = options.device ?? "auto";
  const threads = options.threads ?? 1;

  let session: InferenceSession | undefined;
  let provider: "cpu" | "cuda" = "cpu";
  let fallback: string | undefined;
  try {
    if (device === "cuda" || (device === "auto" && hasCudaProvider())) {
      try {
        session = await createSession(ort, path, "cuda", threads);
        provider = "cuda";
      } catch (error) {
        if (device === "cuda") throw error;
        fallback = `CUDA did not start: ${oneLine(error)}`;
      }
    }
    session ??= await createSession(ort, path, "cpu", threads);
  } catch (error) {
    throw new ClipModelError(`${path}: onnxruntime cannot load it as an ONNX model (${oneLine(error)})`);
  }

  let input: TensorMetadata;
  let output: TensorMetadata;
  try {
    input = checkInput(path, session);
    output = checkOutput(path, session);
  } catch (error) {
    await session.release();
    throw error;
  }

  const loaded = session;
  const embed = async (pixels: Float32Array): Promise<Float32Array> => {
    const feeds = { [input.name]: new ort.Tensor("float32", pixels, [1, ...INPUT_SHAPE]) };
    const result = (await loaded.run(feeds, [output.name]))[output.name];
    if (!result || result.type !== "float32" || result.dims.length !== 2 || result.dims[0] !== 1) {
      throw new Error(
        `output ${output.name} gave ${result ? `${result.type} [${result.dims.join(", ")}]` : "nothing"}, expected float32 [1, dimensions]`,
      );
    }
    return result.data as Float32Array;
  };
  // A probe with a blank image: a model whose graph fails at run time (a shape fixed inside it) fails here, named.
  let dimensions: number;
  try {
    dimensions = (await embed(new Float32Array(3 * CLIP_SIDE * CLIP_SIDE))).length;
  } catch (error) {
    await loaded.release();
    throw new ClipModelError(`${path}: running it on a 224x224 image failed (${oneLine(error)})`);
  }
  return {
    path,
    provider,
    ...(fallback === undefined ? {} : { fallback }),
    inputName: input.name,
    outputName: output.name,
    dimensions,
    embed,
    close: () => loaded.release(),
  };
}
