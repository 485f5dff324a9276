import { createHash } from "node:crypto";
import { ModelSpecError } from "./errors.js";
import type { SamplingParams } from "./types.js";

/**
 * How a model wants to be asked: its prompt template, where generation stops, how much context it
 * has, and the instruction it was trained with. `{image}` marks where the image goes (with the
 * newline LLaVA puts after it) and `{prompt}` the instruction or description.
 */
export interface Profile {
  name: string;
  /** The exact prompt text, or null: the server applies its own chat template. */
  template: string | null;
  stop: string[];
  /** Positions in all: prompt, image and answer. */
  contextLimit?: number;
  /** Positions one image takes (LLaVA-1.5: a 24x24 patch grid, 576). */
  imageTokens?: number;
  /** Positions kept for the prompt's text when the answer budget is worked out. */
  promptReserve?: number;
  /** Replaces the dataset's instruction: the wording the model was trained on. */
  instruction?: string;
  /** Sampling used where the spec gives none. */
  defaults: SamplingParams;
}

const VICUNA_SYSTEM =
  "A chat between a curious user and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the user's questions.";
/** LLaVA's `v1` conversation (Vicuna), image first, as LLaVA-1.5 and CrystalChat-Web2Code were trained. */
const LLAVA_V1 = `${VICUNA_SYSTEM} USER: {image}{prompt} ASSISTANT:`;
const CHATML =
  "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n{image}{prompt}<|im_end|>\n<|im_start|>assistant\n";
/** Where a generation length is not limited by a profile: long enough for a full page. */
const DEFAULT_MAX_TOKENS = 4096;

export const PROFILES: Record<string, Profile> = {
  "crystalchat-web2code": {
    name: "crystalchat-web2code",
    template: LLAVA_V1,
    stop: ["</s>"],
    contextLimit: 2048,
    imageTokens: 576,
    // The template and instruction come to about 70 tokens, leaving 1400 for the page.
    promptReserve: 72,
    instruction: "Please generate html code for the given image",
    // The authors' generation script.
    defaults: { temperature: 0.2 },
  },
  "llava-v1.5": {
    name: "llava-v1.5",
    template: LLAVA_V1,
    stop: ["</s>"],
    contextLimit: 4096,
    imageTokens: 576,
    promptReserve: 128,
    defaults: { temperature: 0 },
  },
  chatml: { name: "chatml", template: CHATML, stop: ["<|im_end|>"], defaults: { temperature: 0 } },
  server: { name: "server", template: null, stop: [], defaults: { temperature: 0 } },
};

export function profileNamed(name: string, spec: string): Profile {
  const profile = PROFILES[name];
  if (!profile)
    throw new ModelSpecError(`model spec "${spec}": unknown profile "${name}"; known profiles are ${Object.keys(PROFILES).join(", ")}`);
  return profile;
}

/** The exact prompt text, each image sent marked by `imageMarker` on a line of its own where the template puts `{image}`. */
export function renderPrompt(template: string, prompt: string, imageMarker: string, imageCount: number): string {
  return template.replace("{image}", `${imageMarker}\n`.repeat(imageCount)).replace("{prompt}", prompt);
}

/** sha256 of everything in the profile that shapes the prompt or where it stops. */
export function templateHash(profile: Profile): string {
  return createHash("sha256")
    .update(JSON.stringify([profile.template, profile.stop, profile.instruction ?? null]))
    .digest("hex");
}

/** The tokens an answer may take: the asked-for count, clamped to what the context leaves. */
export interface AnswerBudget {
  maxTokens: number;
  /** The count that was asked for, when the context forced a smaller one. */
  clampedFrom?: number;
}

export function answerBudget(profile: Profile, requested: number | undefined, imageCount: number): AnswerBudget {
  if (profile.contextLimit === undefined) return { maxTokens: requested ?? DEFAULT_MAX_TOKENS };
  const room = profile.contextLimit - imageCount * (profile.imageTokens ?? 0) - (profile.promptReserve ?? 0);
  if (requested === undefined) return { maxTokens: room };
  return requested > room ? { maxTokens: room, clampedFrom: requested } : { maxTokens: requested };
}

/** Everything that fixes what the profile sends: recorded with the model. */
export function describeProfile(profile: Profile): Record<string, unknown> {
  return {
    name: profile.name,
    template: profile.template ?? "the server's chat template",
    templateSha256: templateHash(profile),
    stop: profile.stop,
    ...(profile.contextLimit === undefined ? {} : { contextLimit: profile.contextLimit, imageTokens: profile.imageTokens }),
    ...(profile.instruction === undefined ? {} : { instruction: profile.instruction }),
  };
}
