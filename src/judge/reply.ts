import type { GenerateReply, TokenUsage } from "../model/index.js";
import { MAX_SCORE, QUESTION_COUNT } from "./groups.js";
import type { ReplyFormat } from "./request.js";

export type ParsedScores = { ok: true; scores: number[] } | { ok: false; reason: string };

/**
 * What one reply of the judge's backend comes to: the ten scores; an answer that does not read
 * (worth a re-ask, with the reason); or a failed request, which ends the verdict (`refusedSchema`:
 * the server refused the JSON schema, so the plain list may be asked for instead).
 */
export type ReplyReading =
  | { kind: "scores"; questions: number[]; text: string; usage?: TokenUsage }
  | { kind: "unreadable"; reason: string; text: string; usage?: TokenUsage }
  | { kind: "failed"; error: string; refusedSchema: boolean };

/** Reads one reply to a request that asked for `format` with an answer budget of `maxTokens`. */
export function readReply(reply: GenerateReply, format: ReplyFormat, maxTokens: number): ReplyReading {
  if (!reply.ok) {
    const refusedSchema = format === "json" && /^HTTP 400\b/.test(reply.error) && /response_format|json_schema|schema/i.test(reply.error);
    return { kind: "failed", error: `judge ${reply.status}: ${reply.error}`, refusedSchema };
  }
  const { text, usage } = reply;
  const parsed = parseScores(text);
  if (parsed.ok) return { kind: "scores", questions: parsed.scores, text, usage };
  const reason = reply.finishReason === "length" ? `${parsed.reason} (cut off at ${maxTokens} tokens)` : parsed.reason;
  return { kind: "unreadable", reason, text, usage };
}

/** The JSON form's keys, in question order: `q1` ... `q10`. */
export const SCORE_KEYS = Array.from({ length: QUESTION_COUNT }, (_, i) => `q${i + 1}`);
/** Separators of the list form: commas, newlines (Web2Code's script reads a newline as a comma), or both. */
const LIST_SEPARATOR = /[ \t]*[,\n][ \t\r\n]*/;

/**
 * Reads a judge's reply strictly: the whole reply (surrounding whitespace aside) is either the
 * JSON object `{"q1": n, ..., "q10": n}` (exactly those keys) or the ten scores as a list
 * separated by commas and/or newlines, the plain form Web2Code asked for; every score a whole
 * number from 0 to 10. Anything else (prose around the numbers, nine or eleven scores, 7.5, 11,
 * -1, a code fence) is unreadable, with the reason.
 */
export function parseScores(reply: string): ParsedScores {
  const text = reply.trim();
  if (text === "") return { ok: false, reason: "empty reply" };
  return text.startsWith("{") ? parseObject(text) : parseList(text);
}

function parseObject(text: string): ParsedScores {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).filter((key) => !SCORE_KEYS.includes(key));
  if (extra.length) return { ok: false, reason: `unexpected key ${JSON.stringify(extra[0])}, expected q1 to q${QUESTION_COUNT}` };
  const scores: number[] = [];
  for (const key of SCORE_KEYS) {
    if (!(key in record)) return { ok: false, reason: `no ${key} in the JSON object` };
    const score = record[key];
    if (!isScore(score)) return { ok: false, reason: `${key} is ${JSON.stringify(score)}, not a whole number from 0 to ${MAX_SCORE}` };
    scores.push(score);
  }
  return { ok: true, scores };
}

function parseList(text: string): ParsedScores {
  if (!/\d/.test(text)) return { ok: false, reason: "no scores in the reply" };
  const items = text.split(LIST_SEPARATOR);
  if (items.length !== QUESTION_COUNT)
    return { ok: false, reason: `${items.length} comma-separated item${items.length === 1 ? "" : "s"}, expected ${QUESTION_COUNT} scores` };
  const scores: number[] = [];
  for (const [index, item] of items.entries()) {
    const score = /^\d{1,2}$/.test(item) ? Number(item) : Number.NaN;
    if (!isScore(score))
      return { ok: false, reason: `score ${index + 1} is ${JSON.stringify(item)}, not a whole number from 0 to ${MAX_SCORE}` };
    scores.push(score);
  }
  return { ok: true, scores };
}

function isScore(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_SCORE;
}
