export interface SamplingParams {
  temperature?: number;
  top_p?: number;
  seed?: number;
  max_tokens?: number;
}

/** Everything a backend may use to answer one sample. */
export interface GenerateRequest {
  sampleId: string;
  /** The screenshot, PNG bytes. */
  image: Buffer;
  instruction: string;
  description?: string;
  /** The sample's reference HTML: only the `reference` upper-bound backend reads it. */
  referenceHtml: string;
  viewport: { width: number; height: number };
  sampling: SamplingParams;
  /** Epoch milliseconds after which the backend must give up. */
  deadline: number;
}

export type FinishReason = "stop" | "length" | "error";

export interface TokenUsage {
  prompt?: number;
  completion?: number;
}

export type GenerateReply =
  | {
      ok: true;
      text: string;
      finishReason: FinishReason;
      usage?: TokenUsage;
      timings?: Record<string, number>;
    }
  | {
      ok: false;
      /** A sample status, e.g. `generation_error`. */
      status: string;
      error: string;
    };

/** What fixes a backend's output: recorded in results.json. */
export interface ModelDescription {
  id: string;
  kind: string;
  [key: string]: unknown;
}

export interface ModelBackend {
  /** Stable id of the spec, also used for the run's folder name. */
  id: string;
  /** Sampling parameters from the spec's query string: the runner copies them into each request's `sampling`. */
  sampling?: SamplingParams;
  describe(): ModelDescription;
  /** Never throws for a failed sample: the reply carries the error. */
  generate(request: GenerateRequest, signal: AbortSignal): Promise<GenerateReply>;
  close?(): Promise<void>;
}

/** HTML pulled out of a model's reply. */
export interface ExtractedHtml {
  html: string;
  /** The page was cut off (no closing tag or fence, or the model hit its token limit). */
  truncated: boolean;
  /** Where it was found: `fence`, `document`, `fragment` or `none`. */
  source: "fence" | "document" | "fragment" | "none";
}
