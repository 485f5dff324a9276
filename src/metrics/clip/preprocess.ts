import { BICUBIC, LANCZOS, resample } from "./resample.js";
import type { RgbImage } from "./rgb.js";

/** Side of the square image CLIP ViT-B/32 takes. */
export const CLIP_SIDE = 224;
/** CLIP's per-channel normalisation (openai/CLIP, clip.py `_transform`), RGB order. */
export const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
export const CLIP_STD = [0.26862954, 0.26130258, 0.27577711] as const;

/**
 * The encoder's input for one (already painted-out) screenshot, as Design2Code builds it
 * (visual_score.py at d9e038a: `rescale_and_mask`, then CLIP's `preprocess`):
 *
 * 1. squeeze the whole page into an s x s square, s = the shorter side, with Lanczos; the aspect is
 *    NOT kept, so a 1280 x 5000 page becomes 1280 x 1280 and nothing is cropped;
 * 2. resize that square to 224 x 224, bicubic (CLIP's `Resize(224)`); its `CenterCrop(224)` then
 *    has nothing to cut;
 * 3. scale to [0, 1], subtract CLIP_MEAN and divide by CLIP_STD per channel, in float32 as torch
 *    does; channels first: [3, 224, 224].
 *
 * Both resizes are Pillow's to the bit (./resample.ts); a resize to the same size is skipped, as
 * Pillow returns a copy then.
 */
export function clipInput(image: RgbImage): Float32Array {
  const side = Math.min(image.width, image.height);
  if (side === 0) throw new Error(`cannot embed an empty ${image.width}x${image.height} image`);
  const square = resample(image, side, side, LANCZOS);
  return normalise(resample(square, CLIP_SIDE, CLIP_SIDE, BICUBIC).data);
}

/** 224 x 224 RGB bytes to CLIP's normalised float32 [3, 224, 224], rounding as torchvision's ToTensor and Normalize do. */
export function normalise(rgb: Uint8Array): Float32Array {
  const plane = CLIP_SIDE * CLIP_SIDE;
  if (rgb.length !== plane * 3) throw new Error(`expected ${plane * 3} bytes of 224x224 RGB, got ${rgb.length}`);
  const out = new Float32Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    const mean = Math.fround(CLIP_MEAN[c]!);
    const std = Math.fround(CLIP_STD[c]!);
    for (let i = 0; i < plane; i++) out[c * plane + i] = Math.fround(Math.fround(rgb[i * 3 + c]! / 255) - mean) / std;
  }
  return out;
}
