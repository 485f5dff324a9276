import { describe, expect, it } from "vitest";
import { CallBudget, emptyTally, UsageTotals, withCall, withUsage } from "../../src/judge/budget.js";
import type { JudgeVerdict } from "../../src/shared/judge-verdict.js";

describe("CallBudget", () => {
  it("gives calls up to its limit, then none", () => {
    const budget = new CallBudget(2);
    expect([budget.take(), budget.take(), budget.take()]).toEqual([true, true, false]);
    expect(budget.spent).toBe(2);
    expect(new CallBudget(0).take()).toBe(false);
    expect(new CallBudget().limit).toBe(Number.POSITIVE_INFINITY);
  });

  it("refuses a negative limit", () => {
    expect(() => new CallBudget(-1)).toThrow("a call budget must be >= 0, got -1");
  });
});

describe("a verdict's tally", () => {
  it("counts each request, a re-ask apart, and adds each reply's tokens", () => {
    const first = withUsage(withCall(emptyTally(), false), { prompt: 1200, completion: 40 });
    const again = withUsage(withCall(first, true), { completion: 7 });
    expect(emptyTally()).toEqual({ calls: 0, reasks: 0, usage: { prompt: 0, completion: 0 }, ms: 0 });
    expect(first).toEqual({ calls: 1, reasks: 0, usage: { prompt: 1200, completion: 40 }, ms: 0 });
    expect(again).toEqual({ calls: 2, reasks: 1, usage: { prompt: 1200, completion: 47 }, ms: 0 });
    expect(withUsage(again, undefined)).toEqual(again);
  });
});

describe("UsageTotals", () => {
  const scores = { wcgb_structure: 5, wcgb_color: 5, wcgb_text: 5, wcgb_ui: 5, wcgb_overall: 5 };
  const read = (cached: boolean, calls: number): JudgeVerdict => ({
    ok: true,
    order: "reference-first",
    questions: Array(10).fill(5),
    scores,
    metrics: scores,
    reply: "5,5,5,5,5,5,5,5,5,5",
    cached,
    calls,
    reasks: calls > 1 ? calls - 1 : 0,
    usage: { prompt: 100 * calls, completion: 10 * calls },
    ms: 3,
  });
  const failed: JudgeVerdict = {
    ok: false,
    order: "prediction-first",
    status: "judge_error",
    error: "judge reply unreadable after 3 tries: no scores in the reply",
    replies: ["a", "b", "c"],
    calls: 3,
    reasks: 2,
    usage: { prompt: 300, completion: 30 },
    ms: 9,
  };

  it("adds up the verdicts it is given, cache hits and errors apart, and hands each back", () => {
    const totals = new UsageTotals();
    expect(totals.get()).toEqual({ calls: 0, verdicts: 0, cachedVerdicts: 0, errors: 0, reasks: 0, promptTokens: 0, completionTokens: 0 });
    const verdicts = [read(false, 2), read(true, 0), failed];
    expect(verdicts.map((verdict) => totals.count(verdict))).toEqual(verdicts);
    expect(totals.get()).toEqual({
      calls: 5,
      verdicts: 3,
      cachedVerdicts: 1,
      errors: 1,
      reasks: 3,
      promptTokens: 500,
      completionTokens: 50,
    });
  });

  it("gives a copy, which counting does not change", () => {
    const totals = new UsageTotals();
    const before = totals.get();
    totals.count(failed);
    expect(before.verdicts).toBe(0);
    expect(totals.get().verdicts).toBe(1);
  });
});
