// The encoder module is light: it imports onnxruntime only when a model is loaded.
import { loadClipEncoder, type ClipEncoderOptions } from "./clip/encoder.js";
import { D2C_CLIP_NEEDS, d2cClip, d2cClipInfo } from "./d2c-clip.js";
import { D2C_PARTS, d2cFinal } from "./d2c-final.js";
import { METRICS } from "./registry.js";
import type { Metric, MetricInfo } from "./types.js";

/** Metrics that need an option; a run without it leaves them out of its results and says why. */
export const OPTIONAL_METRICS: readonly MetricInfo[] = Object.freeze([d2cClipInfo, d2cFinal]);

export interface MetricOptions {
  /** `--clip-model`: an ONNX CLIP image encoder. Without it d2c_clip and d2c_final are absent (not 0). */
  clipModel?: string;
  clip?: ClipEncoderOptions;
}

export interface MetricSet {
  /** What to compute, in the contract's order. */
  metrics: readonly Metric[];
  /** The metrics left out, each with the reason, for results.json. */
  absent: Record<string, string>;
  /** Where the CLIP encoder ran, when there is one. */
  clip?: { model: string; provider: "cpu" | "cuda"; fallback?: string; dimensions: number };
  /** Releases what the metrics loaded (the CLIP session). */
  close(): Promise<void>;
}

/**
 * The metrics a run computes: the built-in ones, plus those whose option is given. onnxruntime is
 * imported only when `clipModel` is set; a file that is not a CLIP image encoder is a BadInputError.
 */
export async function loadMetrics(options: MetricOptions = {}): Promise<MetricSet> {
  const metrics: Metric[] = [...METRICS];
  const absent: Record<string, string> = {};
  let clip: MetricSet["clip"];
  let close = async () => {};
  if (options.clipModel === undefined) {
    absent[d2cClipInfo.id] = D2C_CLIP_NEEDS;
  } else {
    const encoder = await loadClipEncoder(options.clipModel, options.clip);
    metrics.push(d2cClip(encoder));
    const { path, provider, fallback, dimensions } = encoder;
    clip = { model: path, provider, ...(fallback === undefined ? {} : { fallback }), dimensions };
    close = () => encoder.close();
  }
  const missing = D2C_PARTS.filter((id) => !metrics.some((metric) => metric.id === id));
  if (missing.length === 0) metrics.push(d2cFinal);
  else absent[d2cFinal.id] = `needs all five Design2Code scores; ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} absent`;
  return { metrics, absent, ...(clip ? { clip } : {}), close };
}
