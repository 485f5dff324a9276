import { describe, expect, it } from "vitest";
import {
  formatInstruction,
  inOrder,
  judgeMessages,
  judgeRequest,
  reaskMessages,
  replyProtocol,
  responseFormat,
  SCORES_SCHEMA,
  type JudgeImage,
} from "../../src/judge/request.js";
import type { Rubric } from "../../src/judge/rubric.js";

const rubric: Rubric = { text: "Compare.\n1. A?", sha256: "0".repeat(64), source: "test" };
const reference = { data: Buffer.from([1]), mediaType: "image/png" as const };
const prediction = { data: Buffer.from([2]), mediaType: "image/jpeg" as const };

describe("judge requests", () => {
  it("send the rubric with the reply format, then the two screenshots in the order given", () => {
    expect(judgeMessages(rubric, "json", reference, prediction)).toEqual([
      {
        role: "user",
        content: [
          {
            type: "text",
            text: 'Compare.\n1. A?\n\nReply with only a JSON object that gives the 10 scores in question order: {"q1": score, "q2": score, ..., "q10": score}.',
          },
          { type: "image", data: Buffer.from([1]), mediaType: "image/png" },
          { type: "image", data: Buffer.from([2]), mediaType: "image/jpeg" },
        ],
      },
    ]);
    expect(judgeMessages(rubric, "text", prediction, reference)[0]?.content).toEqual([
      {
        type: "text",
        text: "Compare.\n1. A?\n\nReply with only the 10 scores in question order, as whole numbers separated by commas, and nothing else.",
      },
      { type: "image", data: Buffer.from([2]), mediaType: "image/jpeg" },
      { type: "image", data: Buffer.from([1]), mediaType: "image/png" },
    ]);
  });

  it("ask for the JSON schema in OpenAI's response_format (llama-server reads the same field), and for nothing in text form", () => {
    expect(responseFormat("json")).toEqual({
      response_format: { type: "json_schema", json_schema: { name: "wcgb_scores", strict: true, schema: SCORES_SCHEMA } },
    });
    expect(responseFormat("text")).toBeUndefined();
    expect(SCORES_SCHEMA.required).toEqual(["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"]);
    expect(Object.keys(SCORES_SCHEMA.properties)).toEqual(SCORES_SCHEMA.required);
    expect(SCORES_SCHEMA.properties.q10).toEqual({ type: "integer", enum: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(SCORES_SCHEMA.additionalProperties).toBe(false);
  });

  it("re-ask after the unreadable reply, saying why", () => {
    const asked = judgeMessages(rubric, "text", reference, prediction);
    expect(reaskMessages(asked, "They look alike.", "1 comma-separated item, expected 10 scores", "text")).toEqual([
      ...asked,
      { role: "assistant", content: "They look alike." },
      { role: "user", content: `Your reply could not be read: 1 comma-separated item, expected 10 scores. ${formatInstruction("text")}` },
    ]);
  });

  it("put the screenshots in the order asked: the reference first, or the prediction for the swap check", () => {
    expect(inOrder<JudgeImage>({ reference, prediction }, "reference-first")).toEqual([reference, prediction]);
    expect(inOrder<JudgeImage>({ reference, prediction }, "prediction-first")).toEqual([prediction, reference]);
  });

  it("are sent as the messages, the judge's sampling, the format's response_format and the deadline", () => {
    const messages = judgeMessages(rubric, "json", reference, prediction);
    const sampling = { temperature: 0, max_tokens: 300 };
    expect(judgeRequest(messages, "json", sampling, 1234)).toEqual({
      messages,
      sampling: { temperature: 0, max_tokens: 300 },
      body: { response_format: { type: "json_schema", json_schema: { name: "wcgb_scores", strict: true, schema: SCORES_SCHEMA } } },
      deadline: 1234,
    });
    expect(judgeRequest(messages, "text", sampling, 1234)).toEqual({ messages, sampling, body: undefined, deadline: 1234 });
  });

  it("state what the judge adds to the rubric, for the cache key: the instruction, the schema, the re-ask and its limit", () => {
    expect(replyProtocol("text", 2)).toEqual({
      instruction: "Reply with only the 10 scores in question order, as whole numbers separated by commas, and nothing else.",
      reask: "Your reply could not be read:",
      maxReasks: 2,
    });
    expect(replyProtocol("json", 1)).toEqual({
      instruction: formatInstruction("json"),
      response_format: { type: "json_schema", json_schema: { name: "wcgb_scores", strict: true, schema: SCORES_SCHEMA } },
      reask: "Your reply could not be read:",
      maxReasks: 1,
    });
  });
});
