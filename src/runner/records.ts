import type { TreeStats } from "../metrics/index.js";
import type { TokenUsage } from "../model/index.js";

/** Sample statuses besides `ok`; a failed sample keeps its line and scores 0 in aggregates. */
export type SampleStatus =
  | "ok"
  | "generation_error"
  | "generation_timeout"
  | "context_overflow"
  | "empty_output"
  | "render_error"
  | "render_timeout"
  | "html_too_large"
  | "reference_render_error"
  | "scoring_error";

export interface RenderNote {
  width: number;
  height: number;
  heightCapped: boolean;
  blockedRequests: number;
  dialogs: number;
  /** Served from the render cache. */
  cached?: boolean;
}

/** One line of samples.jsonl. */
export interface SampleRecord {
  id: string;
  status: SampleStatus;
  error?: string;
  metrics: Record<string, number | null>;
  metricErrors?: Record<string, string>;
  /** Why a metric has no score for this sample where that is not a failure (its value in `metrics` is null). */
  metricAbsent?: Record<string, string>;
  stats: { pred: TreeStats | null; ref: TreeStats };
  generation: {
    finishReason?: string;
    truncated: boolean;
    extractedFrom?: string;
    usage?: TokenUsage;
    tokensPerSecond?: number;
    timings?: Record<string, number>;
    requestMs?: number;
    /** Served from the generation cache. */
    cached?: boolean;
    /** The answer budget sent, and the asked-for one when the model's context forced it down. */
    maxTokens?: number;
    clampedFrom?: number;
  };
  render?: { pred?: RenderNote; ref?: RenderNote };
  /** Milliseconds per stage for this sample. */
  ms: { generate: number; render: number; decode: number; metrics: Record<string, number>; total: number };
}
