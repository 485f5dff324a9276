import type { ClipEncoder } from "./clip/encoder.js";
import { cosineSimilarity } from "./clip/cosine.js";
import { paintOutText } from "./clip/paint-out.js";
import { clipInput } from "./clip/preprocess.js";
import { toRgb } from "./clip/rgb.js";
import type { TextBlock } from "../shared/index.js";
import type { Metric, MetricInfo, RasterImage } from "./types.js";

export const d2cClipInfo: MetricInfo = {
  id: "d2c_clip",
  // 2: from renderer 5's captures (the whole scroll width, the page settled).
  version: 2,
  description:
    "Design2Code's CLIP score: cosine similarity of the CLIP image embeddings of the two full-page renders, text painted out (Telea), each squeezed to a square; needs --clip-model.",
  higherIsBetter: true,
};

/** The reason results give when no encoder was given. */
export const D2C_CLIP_NEEDS = "needs --clip-model, an ONNX export of CLIP ViT-B/32's image encoder";

/**
 * d2c_clip = max(0, cos(E(P), E(R)))
 *
 * where E(page) is the encoder's embedding of the page's full-page render after, in order (as
 * Design2Code's visual_score.py at d9e038a does it): alpha dropped; every text block's box painted
 * out with OpenCV's Telea inpainting, radius 3 (./clip/inpaint.ts, pixel for pixel); the page
 * squeezed to an s x s square, s its shorter side (Lanczos), then to 224 x 224 (bicubic), both as
 * Pillow resizes (./clip/resample.ts, bit for bit); CLIP's mean and std normalisation
 * (./clip/preprocess.ts). cos is taken in float64 from the float32 embeddings.
 *
 * Differences from Design2Code: it clips nothing, so a negative cosine (which real CLIP
 * embeddings of two screenshots do not give) would leave [0, 1], here it scores 0; it scores a pair
 * 0 on CLIP too when either page has no text block, here CLIP is scored regardless; its openai/CLIP
 * model runs in float16 on a GPU, an ONNX export usually in float32.
 */
export function d2cClip(encoder: ClipEncoder): Metric<"textBlocks" | "image"> {
  const embed = (image: RasterImage, blocks: readonly TextBlock[]) => encoder.embed(clipInput(paintOutText(toRgb(image), blocks)));
  return {
    ...d2cClipInfo,
    // Text blocks first: a page whose text cannot be painted out fails, never scored unmasked.
    artifacts: ["textBlocks", "image"],
    async compute({ textBlocks, image }) {
      // One at a time: both would share the same onnxruntime threads anyway.
      const predEmbedding = await embed(image.pred, textBlocks.pred);
      const refEmbedding = await embed(image.ref, textBlocks.ref);
      return Math.max(0, cosineSimilarity(predEmbedding, refEmbedding));
    },
  };
}
