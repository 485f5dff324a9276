import { writeFileSync } from "node:fs";

/**
 * Tiny random-weight GGUF models, written on the fly: real runtimes (node-llama-cpp, llama-server)
 * load and run them, so end-to-end tests need no downloaded weights. The output is gibberish;
 * the pipeline around it is what gets tested. Format and pitfalls: shared/notes/tiny-gguf.md.
 */

export interface TinyModelOptions {
  seed?: number;
  contextLength?: number; // default 2048
  chatTemplate?: string | null; // default: a ChatML template; null leaves the key out
  omitKeys?: string[]; // metadata keys to leave out, to make corrupt files
}

// ---- Generic GGUF v3 encoding --------------------------------------------------------------

const TYPE_CODE = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8 } as const;
const ARRAY_CODE = 9;
const ALIGNMENT = 32; // GGUF's default; we write no general.alignment key, so the loader expects this.

type ScalarType = keyof typeof TYPE_CODE;
type Scalar = number | boolean | string;
type Value = { type: ScalarType; value: Scalar } | { type: "array"; of: ScalarType; values: Scalar[] };
/** Shape is innermost dimension first, as GGUF stores it. All tensors are F32. */
type Tensor = { name: string; shape: number[]; data: Float32Array };

const u32 = (value: number): Value => ({ type: "u32", value });
const f32 = (value: number): Value => ({ type: "f32", value });
const bool = (value: boolean): Value => ({ type: "bool", value });
const str = (value: string): Value => ({ type: "string", value });
const array = (of: ScalarType, values: Scalar[]): Value => ({ type: "array", of, values });

function bytes(size: number, write: (b: Buffer) => unknown): Buffer {
  const b = Buffer.alloc(size);
  write(b);
  return b;
}
const uint32 = (n: number): Buffer => bytes(4, (b) => b.writeUInt32LE(n));
const uint64 = (n: number): Buffer => bytes(8, (b) => b.writeBigUInt64LE(BigInt(n)));

function ggufString(s: string): Buffer {
  const bytes = Buffer.from(s, "utf8");
  return Buffer.concat([uint64(bytes.length), bytes]);
}

function encodeScalar(type: ScalarType, value: Scalar): Buffer {
  if (type === "string") return ggufString(String(value));
  if (type === "bool") return Buffer.from([value ? 1 : 0]);
  if (type === "u32") return uint32(Number(value));
  return bytes(4, (b) => (type === "i32" ? b.writeInt32LE(Number(value)) : b.writeFloatLE(Number(value))));
}

function encodeValue(v: Value): Buffer {
  if (v.type !== "array") return Buffer.concat([uint32(TYPE_CODE[v.type]), encodeScalar(v.type, v.value)]);
  const items = v.values.map((x) => encodeScalar(v.of, x));
  return Buffer.concat([uint32(ARRAY_CODE), uint32(TYPE_CODE[v.of]), uint64(v.values.length), ...items]);
}

const padded = (n: number): number => Math.ceil(n / ALIGNMENT) * ALIGNMENT;

function encodeGguf(metadata: [string, Value][], tensors: Tensor[]): Buffer {
  const parts: Buffer[] = [Buffer.from("GGUF"), uint32(3), uint64(tensors.length), uint64(metadata.length)];
  for (const [key, value] of metadata) parts.push(ggufString(key), encodeValue(value));
  // The loader requires each offset to be exactly the padded sizes of the tensors before it.
  let offset = 0;
  for (const t of tensors) {
    parts.push(ggufString(t.name), uint32(t.shape.length), ...t.shape.map(uint64), uint32(0 /* F32 */), uint64(offset));
    offset += padded(t.data.byteLength);
  }
  const headerSize = parts.reduce((sum, p) => sum + p.length, 0);
  parts.push(Buffer.alloc(padded(headerSize) - headerSize));
  for (const { data } of tensors) {
    // Float32Array is little-endian on every platform these runtimes run on.
    parts.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength), Buffer.alloc(padded(data.byteLength) - data.byteLength));
  }
  return Buffer.concat(parts);
}

/** mulberry32: a tiny seeded PRNG, so a seed always gives the same bytes. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tensorMaker(seed: number) {
  const rand = mulberry32(seed);
  const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
  return {
    random: (name: string, shape: number[]): Tensor => ({
      name,
      shape,
      data: Float32Array.from({ length: size(shape) }, () => (rand() * 2 - 1) * 0.1),
    }),
    ones: (name: string, shape: number[]): Tensor => ({ name, shape, data: new Float32Array(size(shape)).fill(1) }),
  };
}

// ---- Text model: LLaMA architecture ------------------------------------------------------

const [EMBD, FFN, BLOCKS] = [64, 128, 2];
const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** SentencePiece-style: byte fallback tokens, then "▁" (a space), printable ASCII and a few words. */
function vocabulary(): { tokens: string[]; types: number[] } {
  const byteTokens = Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
  const printable = Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)); // "!" to "~"
  const normal = ["▁", ...printable, "▁html", "▁div", "▁body", "▁head", "▁title", "▁class", "▁the", "▁page"];
  return {
    tokens: ["<unk>", "<s>", "</s>", ...byteTokens, ...normal],
    types: [
      ...[TOKEN_TYPE.unknown, TOKEN_TYPE.control, TOKEN_TYPE.control],
      ...byteTokens.map(() => TOKEN_TYPE.byte),
      ...normal.map(() => TOKEN_TYPE.normal),
    ],
  };
}

export function tinyTextModelBytes(options: TinyModelOptions = {}): Buffer {
  const { seed = 1, contextLength = 2048, chatTemplate = CHATML_TEMPLATE, omitKeys = [] } = options;
  const { tokens, types } = vocabulary();
  const metadata: [string, Value][] = [
    ["general.architecture", str("llama")],
    ["llama.context_length", u32(contextLength)],
    ["llama.embedding_length", u32(EMBD)],
    ["llama.block_count", u32(BLOCKS)],
    ["llama.feed_forward_length", u32(FFN)],
    ["llama.attention.head_count", u32(4)],
    ["llama.attention.head_count_kv", u32(4)],
    ["llama.attention.layer_norm_rms_epsilon", f32(1e-5)],
    ["llama.rope.freq_base", f32(10000)],
    ["llama.rope.dimension_count", u32(EMBD / 4)],
    ["tokenizer.ggml.model", str("llama")],
    ["tokenizer.ggml.tokens", array("string", tokens)],
    ["tokenizer.ggml.token_type", array("i32", types)], // the loader rejects u32 here
    [
      "tokenizer.ggml.scores",
      array(
        "f32",
        tokens.map(() => 0),
      ),
    ],
    ["tokenizer.ggml.bos_token_id", u32(1)], // the token ids must be u32, not i32
    ["tokenizer.ggml.eos_token_id", u32(2)],
    ["tokenizer.ggml.unknown_token_id", u32(0)],
    ["tokenizer.ggml.add_bos_token", bool(true)],
  ];
  if (chatTemplate !== null) metadata.push(["tokenizer.chat_template", str(chatTemplate)]);

  const t = tensorMaker(seed);
  const output = t.random("output.weight", [EMBD, tokens.length]);
  // Never predict byte or control tokens: lone bytes are invalid UTF-8 (llama-server answers 500)
  // and control tokens end generation at once. The output stays printable gibberish.
  types.forEach((type, id) => {
    if (type !== TOKEN_TYPE.normal) output.data.fill(0, id * EMBD, (id + 1) * EMBD);
  });
  const tensors = [t.random("token_embd.weight", [EMBD, tokens.length]), t.ones("output_norm.weight", [EMBD]), output];
  for (let i = 0; i < BLOCKS; i++) {
    const p = `blk.${i}.`;
    tensors.push(
      t.ones(`${p}attn_norm.weight`, [EMBD]),
      ...["attn_q", "attn_k", "attn_v", "attn_output"].map((n) => t.random(`${p}${n}.weight`, [EMBD, EMBD])),
      t.ones(`${p}ffn_norm.weight`, [EMBD]),
      t.random(`${p}ffn_gate.weight`, [EMBD, FFN]),
      t.random(`${p}ffn_up.weight`, [EMBD, FFN]),
      t.random(`${p}ffn_down.weight`, [FFN, EMBD]),
    );
  }
  return encodeGguf(
    metadata.filter(([key]) => !omitKeys.includes(key)),
    tensors,
  );
}

export function writeTinyTextModel(path: string, options?: TinyModelOptions): string {
  writeFileSync(path, tinyTextModelBytes(options));
  return path;
}

// ---- Image projector: LLaVA-1.5-style CLIP encoder + MLP ---------------------------------

const [V_EMBD, V_FFN, V_BLOCKS] = [32, 64, 2]; // the loader wants V_FFN != V_EMBD
const [IMAGE, PATCH] = [32, 8];

export function tinyProjectorBytes(options: { seed?: number } = {}): Buffer {
  const metadata: [string, Value][] = [
    ["general.architecture", str("clip")],
    ["clip.has_vision_encoder", bool(true)],
    ["clip.projector_type", str("mlp")],
    ["clip.use_gelu", bool(true)],
    ["clip.vision.image_size", u32(IMAGE)],
    ["clip.vision.patch_size", u32(PATCH)],
    ["clip.vision.embedding_length", u32(V_EMBD)],
    ["clip.vision.feed_forward_length", u32(V_FFN)],
    ["clip.vision.projection_dim", u32(EMBD)], // the projector's output feeds the text model
    ["clip.vision.block_count", u32(V_BLOCKS)], // LLaVA uses all but the last layer, so at least 2
    ["clip.vision.attention.head_count", u32(4)],
    ["clip.vision.attention.layer_norm_epsilon", f32(1e-5)],
    ["clip.vision.image_mean", array("f32", [0.48145466, 0.4578275, 0.40821073])],
    ["clip.vision.image_std", array("f32", [0.26862954, 0.26130258, 0.27577711])],
  ];
  const t = tensorMaker(options.seed ?? 1);
  const patches = (IMAGE / PATCH) ** 2;
  const tensors = [
    t.random("v.patch_embd.weight", [PATCH, PATCH, 3, V_EMBD]),
    t.random("v.position_embd.weight", [V_EMBD, patches + 1]), // + 1 for the class embedding
    t.random("v.class_embd", [V_EMBD]),
    t.ones("v.pre_ln.weight", [V_EMBD]),
    t.random("v.pre_ln.bias", [V_EMBD]),
  ];
  for (let i = 0; i < V_BLOCKS; i++) {
    const p = `v.blk.${i}.`;
    for (const n of ["attn_q", "attn_k", "attn_v", "attn_out"]) {
      tensors.push(t.random(`${p}${n}.weight`, [V_EMBD, V_EMBD]), t.random(`${p}${n}.bias`, [V_EMBD]));
    }
    for (const n of ["ln1", "ln2"]) tensors.push(t.ones(`${p}${n}.weight`, [V_EMBD]), t.random(`${p}${n}.bias`, [V_EMBD]));
    tensors.push(
      t.random(`${p}ffn_up.weight`, [V_EMBD, V_FFN]),
      t.random(`${p}ffn_up.bias`, [V_FFN]),
      t.random(`${p}ffn_down.weight`, [V_FFN, V_EMBD]),
      t.random(`${p}ffn_down.bias`, [V_EMBD]),
    );
  }
  tensors.push(
    t.random("mm.0.weight", [V_EMBD, EMBD]),
    t.random("mm.0.bias", [EMBD]),
    t.random("mm.2.weight", [EMBD, EMBD]),
    t.random("mm.2.bias", [EMBD]),
  );
  return encodeGguf(metadata, tensors);
}

export function writeTinyProjector(path: string, options?: { seed?: number }): string {
  writeFileSync(path, tinyProjectorBytes(options));
  return path;
}
