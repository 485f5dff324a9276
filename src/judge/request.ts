import type { ChatMessage, ChatPart, ChatRequest, ImageMediaType, SamplingParams } from "../model/index.js";
import type { JudgeOrder } from "../shared/index.js";
import { MAX_SCORE, QUESTION_COUNT } from "./groups.js";
import { SCORE_KEYS } from "./reply.js";
import type { Rubric } from "./rubric.js";

/** How the judge is asked to reply: the JSON object under a schema the server enforces, or the plain list. */
export type ReplyFormat = "json" | "text";

export interface JudgeImage {
  data: Buffer;
  mediaType: ImageMediaType;
}

/**
 * Ten required integer properties q1..q10, each an enum of 0..10: the subset of JSON Schema that
 * both OpenAI's strict structured outputs and llama.cpp's schema-to-grammar take (named keys fix the
 * count and order without minItems, which strict mode has not always accepted).
 */
export const SCORES_SCHEMA = {
  type: "object",
  properties: Object.fromEntries(
    SCORE_KEYS.map((key) => [key, { type: "integer", enum: Array.from({ length: MAX_SCORE + 1 }, (_, score) => score) }]),
  ),
  required: SCORE_KEYS,
  additionalProperties: false,
} as const;

/** The sentence after the rubric that says how to reply. */
export function formatInstruction(format: ReplyFormat): string {
  return format === "json"
    ? `Reply with only a JSON object that gives the ${QUESTION_COUNT} scores in question order: {"q1": score, "q2": score, ..., "q${QUESTION_COUNT}": score}.`
    : `Reply with only the ${QUESTION_COUNT} scores in question order, as whole numbers separated by commas, and nothing else.`;
}

/** Request fields that ask the server for structured output: OpenAI's `response_format`, which llama-server also reads. */
export function responseFormat(format: ReplyFormat): Record<string, unknown> | undefined {
  return format === "json"
    ? { response_format: { type: "json_schema", json_schema: { name: "wcgb_scores", strict: true, schema: SCORES_SCHEMA } } }
    : undefined;
}

/** The two screenshots in the order the judge is shown them. */
export function inOrder<T>(pair: { reference: T; prediction: T }, order: JudgeOrder): [T, T] {
  return order === "reference-first" ? [pair.reference, pair.prediction] : [pair.prediction, pair.reference];
}

/** One user message, as Web2Code sends it: the rubric, then the two screenshots in the order given. */
export function judgeMessages(rubric: Rubric, format: ReplyFormat, first: JudgeImage, second: JudgeImage): ChatMessage[] {
  const image = ({ data, mediaType }: JudgeImage): ChatPart => ({ type: "image", data, mediaType });
  return [
    { role: "user", content: [{ type: "text", text: `${rubric.text}\n\n${formatInstruction(format)}` }, image(first), image(second)] },
  ];
}

/** The opening of a re-ask, after the unreadable reply: the reason follows. */
export const REASK_PREFIX = "Your reply could not be read:";

/** The conversation so far with the unreadable reply and a request to answer again in the asked form. */
export function reaskMessages(asked: ChatMessage[], reply: string, reason: string, format: ReplyFormat): ChatMessage[] {
  return [
    ...asked,
    { role: "assistant", content: reply },
    { role: "user", content: `${REASK_PREFIX} ${reason}. ${formatInstruction(format)}` },
  ];
}

/** Everything the judge adds to the rubric for a reply format (instruction, schema, re-ask policy): part of a verdict's cache key. */
export function replyProtocol(format: ReplyFormat, maxReasks: number): Record<string, unknown> {
  return { instruction: formatInstruction(format), ...responseFormat(format), reask: REASK_PREFIX, maxReasks };
}

/** One try's request to the judge's backend: the conversation so far, asking for the format's structured output. */
export function judgeRequest(
  messages: ChatMessage[],
  format: ReplyFormat,
  sampling: SamplingParams & { max_tokens: number },
  deadline: number,
): ChatRequest {
  return { messages, sampling, body: responseFormat(format), deadline };
}
