import { createHash } from "node:crypto";
import type { SamplingParams } from "../model/index.js";
import type { JudgeOrder } from "../shared/index.js";
import type { ReplyFormat } from "./request.js";

export interface JudgeCacheKeyParts {
  /** The judge backend's `cacheFingerprint()`: model, weights, template, sampling, server build. */
  fingerprint: Record<string, unknown>;
  rubricSha256: string;
  /** The reply format and everything the judge adds to the rubric for it (instruction, schema, re-ask policy). */
  protocol: Record<string, unknown>;
  format: ReplyFormat;
  sampling: SamplingParams;
  referenceSha256: string;
  predictionSha256: string;
  order: JudgeOrder;
  /** 0 for the score; 1 for the self-agreement check's second judgement of the same pair. */
  replica: number;
}

/** sha256 of everything that fixes a judge's verdict on one pair: a file name for the runner's cache store. */
export function judgeCacheKey(parts: JudgeCacheKeyParts): string {
  return createHash("sha256")
    .update(JSON.stringify({ judgeVerdict: 1, ...parts }))
    .digest("hex");
}
