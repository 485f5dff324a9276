import type { TreeStats } from "../metrics/index.js";

/** Sample statuses besides `ok`; a failed sample keeps its line and scores 0 in aggregates. */
export type SampleStatus =
  | "ok"
  | "generation_error"
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
}

/** One line of samples.jsonl. */
export interface SampleRecord {
  id: string;
  status: SampleStatus;
  error?: string;
  metrics: Record<string, number | null>;
  metricErrors?: Record<string, string>;
  stats: { pred: TreeStats | null; ref: TreeStats };
  generation: {
    finishReason?: string;
    truncated: boolean;
    extractedFrom?: string;
    usage?: Record<string, number | undefined>;
    timings?: Record<string, number>;
  };
  render?: { pred?: RenderNote; ref?: RenderNote };
  /** Milliseconds per stage for this sample. */
  ms: { generate: number; render: number; decode: number; metrics: Record<string, number>; total: number };
}
