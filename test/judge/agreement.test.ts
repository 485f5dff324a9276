import { describe, expect, it } from "vitest";
import { correlation, judgeAgreement, pearson, ranks, verdictAgreement } from "../../src/judge/agreement.js";
import { groupScores, wcgbMetrics } from "../../src/judge/groups.js";
import type { JudgeVerdict } from "../../src/shared/judge-verdict.js";

function verdict(questions: number[], order: JudgeVerdict["order"] = "reference-first"): JudgeVerdict {
  const scores = groupScores(questions);
  const tally = { calls: 1, reasks: 0, usage: { prompt: 0, completion: 0 }, ms: 0 };
  return { ok: true, order, questions, scores, metrics: wcgbMetrics(scores), reply: "", cached: false, ...tally };
}
const failed: JudgeVerdict = {
  ok: false,
  order: "reference-first",
  status: "judge_error",
  error: "x",
  replies: [],
  calls: 1,
  reasks: 0,
  usage: { prompt: 0, completion: 0 },
  ms: 0,
};
const all = (score: number) => Array.from({ length: 10 }, () => score);

describe("correlation", () => {
  it("matches scipy's pearsonr and spearmanr (ties at their mean rank)", () => {
    // python3 -c "from scipy.stats import pearsonr, spearmanr; x=[6.5,8.25,3.0,3.0,7.0,9.5]; y=[0.71,0.93,0.40,0.52,0.52,0.88];
    //   print(pearsonr(x,y)[0], spearmanr(x,y)[0])"  ->  0.8511004359961076 0.8088235294117647
    const x = [6.5, 8.25, 3.0, 3.0, 7.0, 9.5];
    const y = [0.71, 0.93, 0.4, 0.52, 0.52, 0.88];
    const result = correlation(x, y);
    expect(result.n).toBe(6);
    expect(result.pearson).toBeCloseTo(0.8511004359961076, 14);
    expect(result.spearman).toBeCloseTo(0.8088235294117647, 14);
    // scipy.stats.rankdata(x), rankdata(y)
    expect(ranks(x)).toEqual([3, 5, 1.5, 1.5, 4, 6]);
    expect(ranks(y)).toEqual([4, 6, 1, 2.5, 2.5, 5]);
  });

  it("has no value under two points or when a side does not vary", () => {
    expect(pearson([1], [2])).toBeNull();
    expect(correlation([1, 2, 3], [5, 5, 5])).toEqual({ n: 3, pearson: null, spearman: null });
    expect(() => pearson([1, 2], [1])).toThrow("pearson: 2 x values but 1 y values");
  });
});

describe("verdictAgreement", () => {
  it("compares the pairs where both verdicts read", () => {
    const a1 = verdict([8, 8, 8, 8, 6, 6, 4, 4, 4, 2]); // overall (8 + 6 + 4 + 2) / 4 = 5
    const b1 = verdict([8, 8, 8, 8, 6, 6, 4, 4, 4, 2]); // identical
    const a2 = verdict(all(6)); // overall 6
    const b2 = verdict([6, 6, 6, 6, 6, 6, 6, 6, 6, 10]); // overall (6 + 6 + 6 + 10) / 4 = 7
    const a3 = verdict(all(9)); // overall 9
    const b3 = verdict(all(7)); // overall 7
    const agreement = verdictAgreement([
      [a1, b1],
      [a2, b2],
      [a3, b3],
      [a1, failed],
    ]);
    // |5-5| + |6-7| + |9-7| = 3 over 3 pairs; question differences: 0 + 4 + 10 * 2 = 24 over 30 answers.
    expect(agreement).toMatchObject({ n: 3, overallMeanAbsDiff: 1, questionMeanAbsDiff: 0.8, identicalShare: 1 / 3 });
    // Pearson of (5, 6, 9) and (5, 7, 7): means 20/3 and 19/3; sxy = 10/3, sxx = 26/3, syy = 8/3; r = 10 / sqrt(208).
    expect(agreement.pearson).toBeCloseTo(10 / Math.sqrt(208), 15);
    expect(verdictAgreement([[failed, a1]])).toEqual({
      n: 0,
      overallMeanAbsDiff: null,
      questionMeanAbsDiff: null,
      identicalShare: null,
      pearson: null,
    });
  });
});

describe("judgeAgreement", () => {
  it("reports the checks that ran and the overall score's correlation with other metrics", () => {
    const samples = [
      { judge: { verdict: verdict(all(2)), swapped: verdict(all(3), "prediction-first") }, metrics: { pixel_similarity: 0.2, ssim: 0.5 } },
      { judge: { verdict: verdict(all(5)), swapped: verdict(all(5), "prediction-first") }, metrics: { pixel_similarity: 0.6, ssim: null } },
      { judge: { verdict: verdict(all(9)), swapped: failed }, metrics: { pixel_similarity: 0.7, ssim: 0.9 } },
      { judge: { verdict: failed }, metrics: { pixel_similarity: 0.1 } },
    ];
    const report = judgeAgreement(samples, ["pixel_similarity", "ssim"]);
    expect(report.repeat).toBeUndefined();
    expect(report.swapped).toEqual(verdictAgreement(samples.slice(0, 3).map((s) => [s.judge.verdict, s.judge.swapped!] as const)));
    expect(report.swapped).toMatchObject({ n: 2, overallMeanAbsDiff: 0.5, questionMeanAbsDiff: 0.5, identicalShare: 0.5 });
    expect(report.metrics.pixel_similarity).toEqual(correlation([2, 5, 9], [0.2, 0.6, 0.7]));
    expect(report.metrics.ssim).toEqual(correlation([2, 9], [0.5, 0.9]));
  });
});
