import { BOOTSTRAP_DEFAULTS, pairedBootstrap, type BootstrapOptions, type Interval } from "./bootstrap.js";
import { LoadedRun, RunInputError, SampleRecord, aggregateMetric, metricValue, sampleScore } from "../results/index.js";

/** Lighthouse CI's assertion levels: `error` fails the check, `warn` only reports, `off` skips the verdict. */
export type AssertionLevel = "error" | "warn" | "off";

export interface Assertion {
  level: AssertionLevel;
  /** The drop of a metric's mean that is tolerated; a regression lies wholly below -maxDrop. */
  maxDrop: number;
}

export const DEFAULT_ASSERTION: Assertion = { level: "error", maxDrop: 0.01 };

/** `absent`: the metric is in one run only, so there is nothing to compare. */
export type Verdict = "improvement" | "regression" | "neutral" | "off" | "absent";

/** What compare reads of a leaderboard entry: means and standard errors, enough for an unpaired comparison. */
export interface BaselineEntry {
  id: string;
  aggregates: Record<string, { mean: number; stderr: number; n: number }>;
}

export type Baseline =
  | { kind: "run"; run: LoadedRun }
  | {
      kind: "leaderboard";
      file: string;
      dataset: { id: string; fingerprint: string };
      /** The leaderboard's metric versions. */
      metrics: Record<string, { version: number }>;
      entry: BaselineEntry;
    };

export interface MetricComparison {
  id: string;
  /** Means over the compared samples; null where the metric is absent from that side. */
  baselineMean: number | null;
  currentMean: number | null;
  /** current - baseline, with its 95% interval; null for an absent metric. */
  change: number | null;
  low: number | null;
  high: number | null;
  maxDrop: number;
  level: AssertionLevel;
  verdict: Verdict;
  /** Paired samples; for a leaderboard baseline, the current run's samples. */
  n: number;
}

export interface SampleChange {
  id: string;
  /** Mean over the metrics both runs have. */
  baseline: number;
  current: number;
  change: number;
  currentStatus: string;
}

export interface RunSide {
  model: string;
  dataset: { id: string; fingerprint: string };
  /** The run folder, or the leaderboard file. */
  source: string;
}

export interface Comparison {
  /** False when the baseline is a leaderboard entry: means and standard errors only, no samples. */
  paired: boolean;
  baseline: RunSide;
  current: RunSide;
  samples: { shared: number; onlyBaseline: number; onlyCurrent: number } | null;
  bootstrap: { resamples: number; seed: number } | null;
  metrics: MetricComparison[];
  /** The shared samples that got most worse over {@link Comparison.worseOver}, worst first. */
  worse: SampleChange[];
  /**
   * The metrics a sample's change is the mean of in {@link Comparison.worse}: those that regressed
   * when any did (so the list shows what the verdict is about), else every metric both runs have.
   */
  worseOver: string[];
  warnings: string[];
  /** Some metric regressed at level error: the check fails. */
  failed: boolean;
  /** Some metric regressed at level warn. */
  warned: boolean;
}

export interface CompareOptions extends BootstrapOptions {
  assertion?: (metricId: string) => Assertion;
}

const WORSE_LISTED = 10;

/**
 * Compares the current run with a baseline, metric by metric. A run baseline is paired: the
 * bootstrap resamples per-sample differences over the samples both runs share. A leaderboard
 * baseline only has means and standard errors, so its interval is the normal one of a difference.
 */
export function compareRuns(baseline: Baseline, current: LoadedRun, options: CompareOptions = {}): Comparison {
  const assertion = options.assertion ?? (() => DEFAULT_ASSERTION);
  const sides = { baseline: baselineSide(baseline), current: side(current) };
  const warnings: string[] = [];
  const [oldData, newData] = [sides.baseline.dataset.fingerprint, sides.current.dataset.fingerprint];
  if (oldData !== newData) warnings.push(`dataset changed: baseline ${oldData}, current ${newData}`);
  const baselineMetrics = baseline.kind === "run" ? baseline.run.results.metrics : baseline.metrics;
  // A metric whose definition moved makes its change partly the metric's, not the model's.
  for (const [id, { version }] of Object.entries(current.results.metrics)) {
    const old = baselineMetrics[id]?.version;
    if (old !== undefined && old !== version) warnings.push(`${id}: metric version ${old} in the baseline, ${version} in the current run`);
  }
  const compared =
    baseline.kind === "run" ? paired(baseline.run, current, options, assertion) : unpaired(baseline.entry, current, assertion);
  const regressed = (level: AssertionLevel) => compared.metrics.some((m) => m.verdict === "regression" && m.level === level);
  return { ...sides, ...compared, warnings, failed: regressed("error"), warned: regressed("warn") };
}

function side(run: LoadedRun): RunSide {
  const { id, fingerprint } = run.results.dataset;
  return { model: run.results.model.id, dataset: { id, fingerprint }, source: run.dir };
}

function baselineSide(baseline: Baseline): RunSide {
  return baseline.kind === "run" ? side(baseline.run) : { model: baseline.entry.id, dataset: baseline.dataset, source: baseline.file };
}

function verdict(assertion: Assertion, interval: Interval): Verdict {
  if (assertion.level === "off") return "off";
  if (interval.high < -assertion.maxDrop) return "regression";
  if (interval.low > assertion.maxDrop) return "improvement";
  return "neutral";
}

/** Metric ids of both sides: the current run's order, then any the baseline alone has. */
function metricIds(current: LoadedRun, baselineIds: readonly string[]): string[] {
  return [...new Set([...Object.keys(current.results.metrics), ...baselineIds])];
}

function absent(id: string, assertion: Assertion, baselineMean: number | null, currentMean: number | null): MetricComparison {
  return { id, baselineMean, currentMean, change: null, low: null, high: null, ...assertion, verdict: "absent", n: 0 };
}

function paired(baseline: LoadedRun, current: LoadedRun, options: BootstrapOptions, assertion: (id: string) => Assertion) {
  const byId = new Map(baseline.records.map((r) => [r.id, r]));
  const pairs = current.records.flatMap((c) => {
    const b = byId.get(c.id);
    return b ? [{ b, c }] : [];
  });
  if (pairs.length === 0) throw new RunInputError(`${baseline.dir} and ${current.dir} share no sample ids: nothing to compare`);
  const currentIds = new Set(current.records.map((r) => r.id));
  const samples = {
    shared: pairs.length,
    onlyBaseline: baseline.records.filter((r) => !currentIds.has(r.id)).length,
    onlyCurrent: current.records.length - pairs.length,
  };
  const bootstrap = { resamples: options.resamples ?? BOOTSTRAP_DEFAULTS.resamples, seed: options.seed ?? BOOTSTRAP_DEFAULTS.seed };
  const mean = (records: SampleRecord[], id: string) => records.reduce((sum, r) => sum + metricValue(r, id), 0) / records.length;
  const inBaseline = (id: string) => id in baseline.results.metrics;
  const inCurrent = (id: string) => id in current.results.metrics;
  const ids = metricIds(current, Object.keys(baseline.results.metrics));
  const bs = pairs.map((p) => p.b);
  const cs = pairs.map((p) => p.c);
  const metrics = ids.map((id): MetricComparison => {
    const [baselineMean, currentMean] = [inBaseline(id) ? mean(bs, id) : null, inCurrent(id) ? mean(cs, id) : null];
    if (baselineMean === null || currentMean === null) return absent(id, assertion(id), baselineMean, currentMean);
    const interval = pairedBootstrap(
      pairs.map(({ b, c }) => metricValue(c, id) - metricValue(b, id)),
      bootstrap,
    );
    const { mean: change, low, high } = interval;
    return {
      id,
      baselineMean,
      currentMean,
      change,
      low,
      high,
      ...assertion(id),
      verdict: verdict(assertion(id), interval),
      n: pairs.length,
    };
  });
  const regressed = metrics.filter((m) => m.verdict === "regression").map((m) => m.id);
  const worseOver = regressed.length ? regressed : ids.filter((id) => inBaseline(id) && inCurrent(id));
  const worse = pairs
    .map(({ b, c }): SampleChange => {
      const [before, after] = [sampleScore(b, worseOver), sampleScore(c, worseOver)];
      return { id: c.id, baseline: before, current: after, change: after - before, currentStatus: c.status };
    })
    .filter((s) => s.change < 0)
    .sort((x, y) => x.change - y.change)
    .slice(0, WORSE_LISTED);
  return { paired: true, samples, bootstrap, metrics, worse, worseOver };
}

function unpaired(entry: BaselineEntry, current: LoadedRun, assertion: (id: string) => Assertion) {
  const ids = metricIds(current, Object.keys(entry.aggregates));
  const metrics = ids.map((id): MetricComparison => {
    const before = entry.aggregates[id];
    const after = id in current.results.metrics ? aggregateMetric(current.records, id) : undefined;
    if (!before || !after) return absent(id, assertion(id), before?.mean ?? null, after?.mean ?? null);
    const change = after.mean - before.mean;
    // Independent samples: the standard errors add in quadrature.
    const half = 1.96 * Math.sqrt(before.stderr ** 2 + after.stderr ** 2);
    const interval = { mean: change, low: change - half, high: change + half };
    return {
      id,
      baselineMean: before.mean,
      currentMean: after.mean,
      change,
      low: interval.low,
      high: interval.high,
      ...assertion(id),
      verdict: verdict(assertion(id), interval),
      n: after.n,
    };
  });
  return { paired: false, samples: null, bootstrap: null, metrics, worse: [], worseOver: [] };
}
