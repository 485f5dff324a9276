import type { InteractionView, PromptInteraction } from "../shared/interaction-prompt.js";
import type { Task } from "../shared/tasks.js";
import type { GenerateReply } from "./generate-reply.js";

export type { FinishReason, GenerateReply, GenerationFailure, TokenUsage } from "./generate-reply.js";

export interface SamplingParams {
  temperature?: number;
  top_p?: number;
  seed?: number;
  max_tokens?: number;
}

export type { Task } from "../shared/tasks.js";
export { TASKS } from "../shared/tasks.js";

/**
 * Everything a backend may use to answer one sample: what a model may see, never the answer. The
 * dataset's answer (reference HTML, gold answer) travels apart, as a {@link ReferenceKey} that the
 * runner hands to a {@link BaselineBackend} only; the two `never` fields below make a request
 * that carries it (an object literal, or a key spread into a request) fail to type-check.
 */
export interface GenerateRequest {
  sampleId: string;
  task: Task;
  /** The screenshot, PNG bytes: model backends send it on the tasks whose model sees it (`seesImage`). */
  image: Buffer;
  /**
   * Every screenshot the model sees, in order, where there are several (task `interaction`: before
   * and after each interaction); `image` is the first. Absent: `image` alone.
   */
  images?: readonly Buffer[];
  instruction: string;
  description?: string;
  /** The question about the screenshot (task `qa`). */
  question?: string;
  /** What is done on the page (task `interaction`), and which screenshots of it are sent. */
  interactions?: readonly PromptInteraction[];
  interactionView?: InteractionView;
  /** Never in a request: the reference HTML is the answer key (see {@link ReferenceKey}). */
  referenceHtml?: never;
  /** Never in a request: the gold answer is the answer key (see {@link ReferenceKey}). */
  referenceAnswer?: never;
  viewport: { width: number; height: number };
  sampling: SamplingParams;
  /** Epoch milliseconds after which the backend must give up. */
  deadline: number;
  /** Told when a failed try is tried again, before the wait: a run shows it instead of going silent. */
  onRetry?: (notice: RetryNotice) => void;
}

/** A failed try of a request that will be tried again. */
export interface RetryNotice {
  /** The try that failed, from 1. */
  attempt: number;
  /** Tries allowed in all. */
  maxAttempts: number;
  /** What failed, briefly: `HTTP 429`, `no connection (ECONNREFUSED ...)`. */
  reason: string;
  /** Milliseconds until the next try. */
  waitMs: number;
  /** The wait is the server's `Retry-After`. */
  retryAfter: boolean;
}

/**
 * What a backend is, as results.json records it: what fixes its output (`identity`) apart from
 * where and how it runs (`placement`), so that runs of one model on different machines compare.
 */
export interface ModelDescription {
  id: string;
  kind: string;
  /** The spec as given: it may name paths and addresses. */
  spec: string;
  /** What fixes the output: weights hash or served model name, prompt template, sampling, server build. */
  identity: Record<string, unknown>;
  /** Where and how it ran: paths, addresses, threads, slots, GPU, logs; never changes the output. */
  placement: Record<string, unknown>;
}

/**
 * A description as one flat record (results.json's `model`, a judge's `backend`): id, kind and
 * spec, the identity's fields beside them, the placement apart under `placement`.
 */
export function describedRecord({ id, kind, spec, identity, placement }: ModelDescription): {
  id: string;
  kind: string;
  spec: string;
  placement: Record<string, unknown>;
  [key: string]: unknown;
} {
  return { id, kind, spec, ...identity, placement };
}

/**
 * The dataset's answer to one sample, which no model may see: the reference page's HTML (tasks
 * `image2html`, `text2html`) or the gold answer (task `qa`). The runner gives it to a
 * {@link BaselineBackend}'s generate() and to nothing else.
 */
export type ReferenceKey = { referenceHtml: string } | { referenceAnswer: string };

/** A backend of either kind: what a spec creates and a run drives. */
export type Backend = ModelBackend | BaselineBackend;

/**
 * A baseline that answers from the dataset (the `reference` upper bound): it is not a model, so
 * its generate() is given the sample's {@link ReferenceKey} beside the request. Its replies are
 * never cached (the cache keys what a model sees, not the dataset's answer). The baselines that
 * see only what a model sees (`blank`, `boxes`) are {@link ModelBackend}s.
 */
export interface BaselineBackend extends Omit<ModelBackend, "baseline" | "generate" | "chat" | "cacheFingerprint"> {
  readonly baseline: true;
  /** Never throws for a failed sample: the reply carries the error. */
  generate(request: GenerateRequest, signal: AbortSignal, key: ReferenceKey): Promise<GenerateReply>;
}

/**
 * A backend that answers as a model does, from the request alone. Its generate() takes no
 * {@link ReferenceKey}: handing it one does not type-check.
 */
export interface ModelBackend {
  /** Not a baseline that reads the dataset (the discriminant of {@link Backend}). */
  readonly baseline?: false;
  /** Stable id of the spec, also used for the run's folder name. */
  id: string;
  /** Sampling parameters from the spec's query string: the runner copies them into each request's `sampling`. */
  sampling?: SamplingParams;
  describe(): ModelDescription;
  /** Never throws for a failed sample: the reply carries the error. */
  generate(request: GenerateRequest, signal: AbortSignal): Promise<GenerateReply>;
  /**
   * Before any work, what the backend can tell of the dataset's sample ids (replay: the files of
   * its folder that match none): one line to warn of, or undefined. Throws bad input (exit 2)
   * when it could answer none of them.
   */
  preflight?(sampleIds: readonly string[]): string | undefined;
  /**
   * Starts what the backend needs (a server, a model) before the first sample. It may serve fewer
   * concurrent generations than asked for: the runner limits itself to `maxConcurrency`.
   */
  open?(context: OpenContext): Promise<{ maxConcurrency?: number }>;
  /**
   * What fixes this backend's replies (model, weights hash, template hash, sampling, server
   * build) when they are deterministic (temperature 0 or a fixed seed); undefined when replies
   * must not be cached. Asked after open().
   */
  cacheFingerprint?(): Record<string, unknown> | undefined;
  /** Stops whatever open() started; safe to call more than once. */
  close?(): Promise<void>;
  /**
   * Sends the given chat messages (several images allowed) through the same HTTP, retry and
   * deadline code as generate(); present on backends behind a chat-completions endpoint. A judge
   * uses it. Never throws for a failed request.
   */
  chat?(request: ChatRequest, signal: AbortSignal): Promise<GenerateReply>;
}

/** Image types a chat request can carry, as their data URIs name them. */
export type ImageMediaType = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

export type ChatPart = { type: "text"; text: string } | { type: "image"; data: Buffer; mediaType: ImageMediaType };

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string | ChatPart[];
}

/** Messages sent as they are: no profile template, instruction or answer-budget clamp applies. */
export interface ChatRequest {
  messages: ChatMessage[];
  sampling: SamplingParams & { max_tokens: number };
  /** Extra request fields (e.g. `response_format`); they win over the spec's `body.NAME` fields. */
  body?: Record<string, unknown>;
  /** Epoch milliseconds after which the backend must give up. */
  deadline: number;
}

export interface OpenContext {
  /** Concurrent generations the run asks for. */
  concurrency: number;
  /** Where runtime logs go (the run folder's `logs/`, which exists). */
  logDir: string;
  signal: AbortSignal;
}

/** What every backend constructor may need beyond its spec. */
export interface BackendContext {
  task: Task;
  /** The user cache folder: built servers, weight hashes. */
  cacheRoot: string;
}

/** HTML pulled out of a model's reply. */
export interface ExtractedHtml {
  html: string;
  /** The page was cut off (no closing tag or fence, or the model hit its token limit). */
  truncated: boolean;
  /** Where it was found: `fence`, `document`, `fragment` or `none`. */
  source: "fence" | "document" | "fragment" | "none";
}
