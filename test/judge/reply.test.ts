import { describe, expect, it } from "vitest";
import { parseScores, readReply } from "../../src/judge/reply.js";

const TEN = [7, 6, 8, 5, 9, 4, 7, 10, 0, 5];
const json = (entries: Record<string, unknown>) => JSON.stringify(entries);
const keyed = Object.fromEntries(TEN.map((score, i) => [`q${i + 1}`, score]));

describe("parseScores", () => {
  it.each([
    ["the JSON object", json(keyed)],
    ["the JSON object with its keys in another order, read by name", json(Object.fromEntries(Object.entries(keyed).reverse()))],
    ["the JSON object, indented", JSON.stringify(keyed, null, 2)],
    ["the comma-separated list", "7, 6, 8, 5, 9, 4, 7, 10, 0, 5"],
    ["the list without spaces, with surrounding whitespace", "\n 7,6,8,5,9,4,7,10,0,5 \n"],
    ["one score a line", "7\n6\n8\n5\n9\n4\n7\n10\n0\n5"],
    ["commas and line breaks", "7, 6, 8, 5,\n9, 4,\r\n7, 10, 0, 5"],
    ["a leading zero", "07, 6, 8, 5, 9, 4, 7, 10, 0, 5"],
  ])("reads %s", (_form, reply) => {
    expect(parseScores(reply)).toEqual({ ok: true, scores: TEN });
  });

  it.each([
    ["", "empty reply"],
    ["   \n", "empty reply"],
    ["7, 6, 8, 5, 9, 4, 7, 10, 0", "9 comma-separated items, expected 10 scores"],
    ["7, 6, 8, 5, 9, 4, 7, 10, 0, 5, 3", "11 comma-separated items, expected 10 scores"],
    ["7, 6, 8, 5, 9, 4, 7, 10, 0, 5,", "11 comma-separated items, expected 10 scores"],
    ["7 6 8 5 9 4 7 10 0 5", "1 comma-separated item, expected 10 scores"],
    ["They look alike.", "no scores in the reply"],
    ["7, 6, 8, 5, 9, 4, 7.5, 10, 0, 5", 'score 7 is "7.5", not a whole number from 0 to 10'],
    ["7, 6, 8, 5, 9, 4, 7, 11, 0, 5", 'score 8 is "11", not a whole number from 0 to 10'],
    ["-1, 6, 8, 5, 9, 4, 7, 10, 0, 5", 'score 1 is "-1", not a whole number from 0 to 10'],
    ["Scores: 7, 6, 8, 5, 9, 4, 7, 10, 0, 5", 'score 1 is "Scores: 7", not a whole number from 0 to 10'],
    ["7, 6, 8, 5, 9, 4, 7, 10, 0, 5.", 'score 10 is "5.", not a whole number from 0 to 10'],
    [json({ ...keyed, note: "close" }), 'unexpected key "note", expected q1 to q10'],
    [json({ ...keyed, q10: undefined }), "no q10 in the JSON object"],
    [json({ ...keyed, q3: "8" }), 'q3 is "8", not a whole number from 0 to 10'],
    [json({ ...keyed, q3: 8.5 }), "q3 is 8.5, not a whole number from 0 to 10"],
    [json({ ...keyed, q3: 12 }), "q3 is 12, not a whole number from 0 to 10"],
    // The parser's own words follow; they differ between Node versions.
    ['{"q1": 7', expect.stringMatching(/^not valid JSON \(.+\)$/)],
    [`${json(keyed)} That is all.`, expect.stringMatching(/^not valid JSON \(Unexpected non-whitespace character after JSON/)],
    [`[${TEN.join(",")}]`, 'score 1 is "[7", not a whole number from 0 to 10'],
  ])("refuses %j: %s", (reply, reason) => {
    expect(parseScores(reply)).toEqual({ ok: false, reason });
  });
});

describe("readReply", () => {
  const usage = { prompt: 1200, completion: 40 };

  it("reads the scores of a good reply, with its text and tokens", () => {
    expect(readReply({ ok: true, text: "7, 6, 8, 5, 9, 4, 7, 10, 0, 5", finishReason: "stop", usage }, "text", 300)).toEqual({
      kind: "scores",
      questions: TEN,
      text: "7, 6, 8, 5, 9, 4, 7, 10, 0, 5",
      usage,
    });
  });

  it("gives the reason a reply does not read, and says when the answer budget cut it off", () => {
    expect(readReply({ ok: true, text: "They look alike.", finishReason: "stop" }, "text", 300)).toEqual({
      kind: "unreadable",
      reason: "no scores in the reply",
      text: "They look alike.",
      usage: undefined,
    });
    expect(readReply({ ok: true, text: "7, 6, 8", finishReason: "length", usage }, "json", 300)).toEqual({
      kind: "unreadable",
      reason: "3 comma-separated items, expected 10 scores (cut off at 300 tokens)",
      text: "7, 6, 8",
      usage,
    });
  });

  it.each<[string, "json" | "text", string, boolean]>([
    ["a schema refused when the JSON form was asked", "json", "HTTP 400: response_format json_schema is not supported", true],
    ["a 400 about something else", "json", "HTTP 400: too many images", false],
    ["a schema word in another status", "json", "HTTP 500: schema engine crashed", false],
    ["a 400 naming the schema when the plain list was asked", "text", "HTTP 400: response_format json_schema is not supported", false],
  ])("ends the verdict on a failed request: %s", (_case, format, error, refusedSchema) => {
    expect(readReply({ ok: false, status: "generation_error", error }, format, 300)).toEqual({
      kind: "failed",
      error: `judge generation_error: ${error}`,
      refusedSchema,
    });
  });
});
