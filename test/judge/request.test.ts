import { describe, expect, it } from "vitest";
import { formatInstruction, judgeMessages, reaskMessages, responseFormat, SCORES_SCHEMA } from "../../src/judge/request.js";
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
});
