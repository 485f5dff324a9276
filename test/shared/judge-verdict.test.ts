import { describe, expect, it } from "vitest";
import { JudgeSampleSchema, JudgeVerdictSchema, WCGB_METRIC_IDS } from "../../src/shared/index.js";

const scores = { wcgb_structure: 7.5, wcgb_color: 8, wcgb_text: 9, wcgb_ui: 6, wcgb_overall: 7.625 };
/** What a verdict of `calls` requests without re-asks cost. */
const cost = (calls: number, ms: number) => ({ calls, reasks: 0, usage: { prompt: 1200 * calls, completion: 40 * calls }, ms });
const read = {
  ok: true,
  ...cost(1, 812),
  order: "reference-first",
  questions: [9, 8, 7, 6, 9, 7, 8, 9, 10, 6],
  scores,
  metrics: { wcgb_structure: 0.75, wcgb_color: 0.8, wcgb_text: 0.9, wcgb_ui: 0.6, wcgb_overall: 0.7625 },
  reply: "9, 8, 7, 6, 9, 7, 8, 9, 10, 6",
  cached: false,
};
const failed = {
  ok: false,
  ...cost(0, 0),
  order: "prediction-first",
  status: "judge_error",
  error: "judge call budget exhausted (0 calls)",
  replies: [],
};

describe("the judge verdict's schema", () => {
  it("names the five wcgb_* scores, the groups' then overall", () => {
    expect(WCGB_METRIC_IDS).toEqual(["wcgb_structure", "wcgb_color", "wcgb_text", "wcgb_ui", "wcgb_overall"]);
  });

  it("reads a sample's verdicts as samples.jsonl keeps them, in their fields' order", () => {
    const sample = { verdict: read, swapped: failed };
    const parsed = JudgeSampleSchema.parse(JSON.parse(JSON.stringify(sample)));
    expect(parsed).toEqual(sample);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(sample));
  });

  it.each<[string, unknown]>([
    ["scores without one of the wcgb_* ids", { ...read, scores: { ...scores, wcgb_ui: undefined } }],
    ["an order that is neither", { ...read, order: "side-by-side" }],
    ["a failure without its replies", { ...failed, replies: undefined }],
    ["a fractional call count", { ...failed, calls: 1.5 }],
  ])("refuses %s", (_case, verdict) => {
    expect(JudgeVerdictSchema.safeParse(verdict).success).toBe(false);
  });
});
