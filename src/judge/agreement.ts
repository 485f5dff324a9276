import type { JudgeSampleResult, JudgeVerdict } from "../shared/index.js";

/** How two verdicts on the same pairs agree, over the pairs where both read. */
export interface VerdictAgreement {
  /** Pairs where both verdicts read. */
  n: number;
  /** Mean |a - b| of the overall score, 0-10 scale. */
  overallMeanAbsDiff: number | null;
  /** Mean |a - b| over every question of every pair, 0-10 scale. */
  questionMeanAbsDiff: number | null;
  /** Share of pairs whose ten answers are all equal. */
  identicalShare: number | null;
  /** Pearson correlation of the overall scores across pairs. */
  pearson: number | null;
}

export interface Correlation {
  /** Samples where both values are known. */
  n: number;
  pearson: number | null;
  /** Pearson correlation of the ranks, ties given their mean rank. */
  spearman: number | null;
}

export interface JudgeAgreementReport {
  /** The same pair judged twice (`checks.repeat`). */
  repeat?: VerdictAgreement;
  /** The pair judged in both orders (`checks.swap`). */
  swapped?: VerdictAgreement;
  /** wcgb_overall against each named metric over the samples. */
  metrics: Record<string, Correlation>;
}

/**
 * Whether a judge can be trusted: its agreement with itself (same pair twice), with itself when
 * the screenshots swap places (the rubric is symmetric, so the scores should not move), and the
 * correlation of its overall score with other metrics (pixel_similarity by default).
 */
export function judgeAgreement(
  samples: ReadonlyArray<{ judge: JudgeSampleResult; metrics: Record<string, number | null | undefined> }>,
  against: readonly string[] = ["pixel_similarity"],
): JudgeAgreementReport {
  const pairsOf = (check: "repeat" | "swapped") =>
    samples.filter((sample) => sample.judge[check] !== undefined).map((sample) => [sample.judge.verdict, sample.judge[check]!] as const);
  const repeat = pairsOf("repeat");
  const swapped = pairsOf("swapped");
  const metrics = Object.fromEntries(
    against.map((id) => {
      const points = samples.flatMap(({ judge, metrics }) => {
        const other = metrics[id];
        return judge.verdict.ok && typeof other === "number" ? [[judge.verdict.scores.wcgb_overall, other] as const] : [];
      });
      return [
        id,
        correlation(
          points.map(([x]) => x),
          points.map(([, y]) => y),
        ),
      ];
    }),
  );
  return {
    ...(repeat.length && { repeat: verdictAgreement(repeat) }),
    ...(swapped.length && { swapped: verdictAgreement(swapped) }),
    metrics,
  };
}

export function verdictAgreement(pairs: ReadonlyArray<readonly [JudgeVerdict, JudgeVerdict]>): VerdictAgreement {
  const read = pairs.flatMap(([a, b]) => (a.ok && b.ok ? [[a, b] as const] : []));
  const n = read.length;
  if (n === 0) return { n, overallMeanAbsDiff: null, questionMeanAbsDiff: null, identicalShare: null, pearson: null };
  const overall = read.map(([a, b]) => [a.scores.wcgb_overall, b.scores.wcgb_overall] as const);
  const questionDiffs = read.flatMap(([a, b]) => a.questions.map((score, i) => Math.abs(score - b.questions[i]!)));
  return {
    n,
    overallMeanAbsDiff: mean(overall.map(([a, b]) => Math.abs(a - b))),
    questionMeanAbsDiff: mean(questionDiffs),
    identicalShare: read.filter(([a, b]) => a.questions.every((score, i) => score === b.questions[i])).length / n,
    pearson: pearson(
      overall.map(([a]) => a),
      overall.map(([, b]) => b),
    ),
  };
}

export function correlation(xs: readonly number[], ys: readonly number[]): Correlation {
  return { n: xs.length, pearson: pearson(xs, ys), spearman: pearson(ranks(xs), ranks(ys)) };
}

/** Pearson's r; null under two points or when either side does not vary. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new Error(`pearson: ${xs.length} x values but ${ys.length} y values`);
  if (xs.length < 2) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [i, x] of xs.entries()) {
    const dx = x - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Ranks from 1, tied values sharing their mean rank (as scipy's rankdata "average"). */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    for (let k = start; k <= end; k++) result[order[k]!.index] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return result;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
