import type { PreparedRequest } from "../prompt.js";
import type { GenerateReply, TokenUsage } from "../types.js";

export interface ReplyParts {
  text: string;
  /** The model stopped at its token limit. */
  truncated: boolean;
  usage: TokenUsage;
  timings?: Record<string, number>;
  prepared: PreparedRequest;
  /** Wall time of the request (every try), kept, and the basis of tokens per second when the server reports no timings. */
  elapsedMs: number;
}

/** A successful reply with what the record keeps: usage, speed, the answer budget and its clamp. */
export function replyFrom(parts: ReplyParts): GenerateReply {
  const { usage, timings, prepared } = parts;
  const completion = usage.completion;
  const tokensPerSecond =
    timings?.predicted_per_second ?? (completion !== undefined && parts.elapsedMs > 0 ? (completion * 1000) / parts.elapsedMs : undefined);
  const knownUsage = Object.fromEntries(Object.entries(usage).filter(([, count]) => count !== undefined));
  return {
    ok: true,
    text: parts.text,
    finishReason: parts.truncated ? "length" : "stop",
    ...(Object.keys(knownUsage).length ? { usage: knownUsage } : {}),
    ...(tokensPerSecond === undefined ? {} : { tokensPerSecond: round(tokensPerSecond) }),
    ...(timings && Object.keys(timings).length ? { timings } : {}),
    requestMs: round(parts.elapsedMs),
    maxTokens: prepared.sampling.max_tokens,
    ...(prepared.clampedFrom === undefined ? {} : { clampedFrom: prepared.clampedFrom }),
  };
}

/** The numeric fields of a server's `timings` object. */
export function numericTimings(timings: Record<string, unknown> | undefined): Record<string, number> | undefined {
  if (!timings) return undefined;
  return Object.fromEntries(Object.entries(timings).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
