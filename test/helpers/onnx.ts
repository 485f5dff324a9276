import { writeFileSync } from "node:fs";
import protobuf from "protobufjs";

/**
 * The part of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto; field numbers as there) that a
 * small inference graph needs. Tests and benches write real ONNX files with it, which
 * onnxruntime loads like any exported model.
 */
const ONNX_PROTO = `
syntax = "proto2";
package onnx;
message AttributeProto {
  optional string name = 1;
  optional int32 type = 20;
  optional float f = 2;
  optional int64 i = 3;
  repeated int64 ints = 8;
}
message ValueInfoProto {
  optional string name = 1;
  optional TypeProto type = 2;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  repeated AttributeProto attribute = 5;
}
message ModelProto {
  optional int64 ir_version = 1;
  repeated OperatorSetIdProto opset_import = 8;
  optional string producer_name = 2;
  optional GraphProto graph = 7;
}
message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  optional string name = 8;
  optional bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
  }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor {
    optional int32 elem_type = 1;
    optional TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
}
message OperatorSetIdProto {
  optional string domain = 1;
  optional int64 version = 2;
}
`;

const ModelProto = protobuf.parse(ONNX_PROTO).root.lookupType("onnx.ModelProto");

/** TensorProto.DataType values. */
export const ELEMENT = { float: 1, int64: 7 } as const;
/** AttributeProto.AttributeType values. */
const ATTRIBUTE = { float: 1, int: 2, ints: 7 } as const;

/** A dimension: a size, or a name for a size fixed only at run time (a dynamic batch). */
export type Dim = number | string;
export type Attribute = { float: number } | { int: number } | { ints: readonly number[] };

export interface OnnxValue {
  name: string;
  shape: readonly Dim[];
  /** float unless given. */
  element?: keyof typeof ELEMENT;
}

export type OnnxInitializer = { name: string; dims: readonly number[] } & ({ float: Float32Array } | { int64: readonly number[] });

export interface OnnxNode {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: Record<string, Attribute>;
}

export interface OnnxGraph {
  inputs: readonly OnnxValue[];
  outputs: readonly OnnxValue[];
  initializers?: readonly OnnxInitializer[];
  nodes: readonly OnnxNode[];
  /** Default opset 17 (LayerNormalization is there); IR version 8 goes with it. */
  opset?: number;
}

function valueInfo({ name, shape, element = "float" }: OnnxValue) {
  const dim = shape.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: ELEMENT[element], shape: { dim } } } };
}

function tensor(init: OnnxInitializer) {
  let raw: Uint8Array;
  if ("float" in init) {
    raw = new Uint8Array(init.float.buffer, init.float.byteOffset, init.float.byteLength);
  } else {
    // Little-endian int64, as raw_data requires.
    const view = new DataView(new ArrayBuffer(init.int64.length * 8));
    init.int64.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    raw = new Uint8Array(view.buffer);
  }
  return { name: init.name, dims: [...init.dims], dataType: "float" in init ? ELEMENT.float : ELEMENT.int64, rawData: raw };
}

function attribute(name: string, value: Attribute) {
  if ("float" in value) return { name, type: ATTRIBUTE.float, f: value.float };
  if ("int" in value) return { name, type: ATTRIBUTE.int, i: value.int };
  return { name, type: ATTRIBUTE.ints, ints: [...value.ints] };
}

/** The bytes of an ONNX model holding one graph. */
export function onnxModel(graph: OnnxGraph): Uint8Array {
  const opset = graph.opset ?? 17;
  const message = {
    irVersion: 8,
    producerName: "web2code-eval tests",
    opsetImport: [{ domain: "", version: opset }],
    graph: {
      name: "graph",
      node: graph.nodes.map((node, index) => ({
        name: `n${index}`,
        opType: node.op,
        input: [...node.inputs],
        output: [...node.outputs],
        attribute: Object.entries(node.attributes ?? {}).map(([name, value]) => attribute(name, value)),
      })),
      initializer: (graph.initializers ?? []).map(tensor),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    },
  };
  const error = ModelProto.verify(message);
  if (error) throw new Error(`onnx model: ${error}`);
  return ModelProto.encode(ModelProto.fromObject(message)).finish();
}

export function writeOnnxModel(path: string, graph: OnnxGraph): string {
  writeFileSync(path, onnxModel(graph));
  return path;
}

/** Side of the image a CLIP ViT-B/32 encoder takes. */
export const CLIP_SIDE = 224;
/** The tiny encoder's pooling cell: 224 / 32 = 7 cells a side. */
export const TINY_CELL = 32;
const CELLS = CLIP_SIDE / TINY_CELL;
export const TINY_FEATURES = 3 * CELLS * CELLS;

/**
 * A tiny image encoder with a CLIP encoder's interface: `pixel_values` [batch, 3, 224, 224] to
 * `image_embeds` [batch, dim]. It averages each channel over 32x32 cells (3 x 7 x 7 = 147
 * features, in channel, row, column order) and multiplies by `weights` (147 x dim, row-major),
 * so a test can compute the same embedding in plain TypeScript.
 */
export function tinyEncoderGraph(weights: Float32Array, dim: number, batch: Dim = "batch"): OnnxGraph {
  if (weights.length !== TINY_FEATURES * dim) throw new Error(`weights must hold ${TINY_FEATURES} x ${dim} values`);
  return {
    inputs: [{ name: "pixel_values", shape: [batch, 3, CLIP_SIDE, CLIP_SIDE] }],
    outputs: [{ name: "image_embeds", shape: [batch, dim] }],
    initializers: [{ name: "w", dims: [TINY_FEATURES, dim], float: weights }],
    nodes: [
      {
        op: "AveragePool",
        inputs: ["pixel_values"],
        outputs: ["pooled"],
        attributes: { kernel_shape: { ints: [TINY_CELL, TINY_CELL] }, strides: { ints: [TINY_CELL, TINY_CELL] } },
      },
      { op: "Flatten", inputs: ["pooled"], outputs: ["flat"], attributes: { axis: { int: 1 } } },
      { op: "MatMul", inputs: ["flat", "w"], outputs: ["image_embeds"] },
    ],
  };
}

/** The tiny encoder's embedding of a [3, 224, 224] input, computed in float64 without onnxruntime. */
export function tinyEncoderReference(input: Float32Array, weights: Float32Array, dim: number): Float64Array {
  const features = new Float64Array(TINY_FEATURES);
  for (let c = 0; c < 3; c++) {
    for (let cy = 0; cy < CELLS; cy++) {
      for (let cx = 0; cx < CELLS; cx++) {
        let sum = 0;
        for (let y = cy * TINY_CELL; y < (cy + 1) * TINY_CELL; y++) {
          for (let x = cx * TINY_CELL; x < (cx + 1) * TINY_CELL; x++) sum += input[(c * CLIP_SIDE + y) * CLIP_SIDE + x]!;
        }
        features[(c * CELLS + cy) * CELLS + cx] = sum / (TINY_CELL * TINY_CELL);
      }
    }
  }
  const out = new Float64Array(dim);
  for (let f = 0; f < TINY_FEATURES; f++) {
    for (let d = 0; d < dim; d++) out[d]! += features[f]! * weights[f * dim + d]!;
  }
  return out;
}
