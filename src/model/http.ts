import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request } from "undici";
import type { GenerationFailure, RetryNotice } from "./types.js";
import { errorMessage } from "../shared/index.js";

/**
 * One connection pool for every model server. Node's own fetch gives up on a response whose
 * headers take over 5 minutes, and a 7B model writing a long page without streaming can take
 * that: here only the request's own deadline ends the wait.
 */
const agent = new Agent({ headersTimeout: 0, bodyTimeout: 0, connectTimeout: 30_000 });

/** Statuses worth another try: rate limits and a busy or restarting server behind a proxy. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** Replies that say the prompt does not fit (llama.cpp, vLLM, SGLang, OpenAI wordings). */
const CONTEXT_OVERFLOW =
  /context (?:length|size|window)|exceed_context|context_length_exceeded|maximum context|too many tokens|prompt is too long/i;

export interface RetryPolicy {
  /** Tries after the first. */
  retries: number;
  /** Wait before the first retry; it doubles each time, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface PostOptions {
  headers?: Record<string, string>;
  /** Epoch milliseconds: no try starts or waits past it. */
  deadline: number;
  signal: AbortSignal;
  retry?: RetryPolicy;
  /** Told before each wait for another try. */
  onRetry?: (notice: RetryNotice) => void;
}

export type PostResult =
  { ok: true; body: unknown; attempts: number } | { ok: false; status: GenerationFailure; error: string; attempts: number };

/**
 * POSTs JSON and reads a JSON reply, retrying connection failures, 429, 502, 503 and 504 with
 * exponential backoff (a `Retry-After` header wins), each wait announced to `onRetry`. Never
 * throws: a failure is a status and a one-line message for the sample's record.
 */
export async function postJson(url: string, body: unknown, options: PostOptions): Promise<PostResult> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const payload = JSON.stringify(body);
  let lastError = "";
  for (let attempt = 1; ; attempt++) {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) return timedOut(attempt - 1, lastError);
    const signal = AbortSignal.any([options.signal, AbortSignal.timeout(remaining)]);
    let retryAfterMs: number | undefined;
    let reason: string;
    try {
      const response = await request(url, {
        method: "POST",
        body: payload,
        headers: { "content-type": "application/json", accept: "application/json", ...options.headers },
        signal,
        dispatcher: agent,
      });
      const text = await response.body.text();
      if (response.statusCode >= 200 && response.statusCode < 300) return parseReply(text, attempt);
      lastError = `HTTP ${response.statusCode} from ${url}: ${replyErrorMessage(text)}`;
      if (response.statusCode === 400 && CONTEXT_OVERFLOW.test(text))
        return { ok: false, status: "context_overflow", error: lastError, attempts: attempt };
      if (!RETRY_STATUSES.has(response.statusCode)) return { ok: false, status: "generation_error", error: lastError, attempts: attempt };
      retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
      reason = `HTTP ${response.statusCode}`;
    } catch (error) {
      if (options.signal.aborted) return { ok: false, status: "generation_error", error: "aborted", attempts: attempt };
      if (signal.aborted) return timedOut(attempt, `no reply from ${url}`);
      const cause = describeNetworkError(error);
      lastError = `cannot reach ${url}: ${cause}`;
      reason = `no connection (${cause})`;
    }
    if (attempt > policy.retries)
      return { ok: false, status: "generation_error", error: `${lastError} (after ${attempt} tries)`, attempts: attempt };
    const wait = retryAfterMs ?? Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    const left = options.deadline - Date.now();
    if (wait >= left) {
      // The deadline has not passed: the wait the next try needs would run past it.
      const asked =
        retryAfterMs === undefined ? `the next try was due in ${seconds(wait)}` : `the server asked to wait ${seconds(wait)} (Retry-After)`;
      return {
        ok: false,
        status: retryAfterMs === undefined ? "generation_timeout" : "generation_error",
        error: `gave up after ${attempt} ${attempt === 1 ? "try" : "tries"}: ${asked}, more than the ${seconds(left)} left before the deadline; ${lastError}`,
        attempts: attempt,
      };
    }
    options.onRetry?.({ attempt, maxAttempts: policy.retries + 1, reason, waitMs: wait, retryAfter: retryAfterMs !== undefined });
    try {
      await sleep(wait, undefined, { signal: options.signal });
    } catch {
      return { ok: false, status: "generation_error", error: "aborted", attempts: attempt };
    }
  }
}

function timedOut(attempts: number, lastError: string): PostResult {
  return { ok: false, status: "generation_timeout", error: `deadline passed${lastError ? `: ${lastError}` : ""}`, attempts };
}

/** A wait in words: `30 s`, `0.5 s`. */
function seconds(ms: number): string {
  return `${Number((Math.max(0, ms) / 1000).toFixed(1))} s`;
}

function parseReply(text: string, attempts: number): PostResult {
  try {
    return { ok: true, body: JSON.parse(text) as unknown, attempts };
  } catch {
    return { ok: false, status: "generation_error", error: `the server's reply is not JSON: ${text.slice(0, 200)}`, attempts };
  }
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+(?:\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The `error.message` of an OpenAI-style error body, else the body's start, on one line. */
function replyErrorMessage(text: string): string {
  let message = text;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const inner = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof inner === "string") message = inner;
  } catch {
    // Not JSON: the text itself says what went wrong.
  }
  return message.replace(/\s+/g, " ").trim().slice(0, 300);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = (error as { code?: string }).code ?? cause?.code;
  const message = errorMessage(error);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}
