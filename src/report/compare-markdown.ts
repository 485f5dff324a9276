import type { Comparison, MetricComparison } from "./compare.js";
import { markdownTable, score } from "../results/index.js";

/** The comparison as a pull-request comment: verdict first, then the numbers behind it. */
export function compareMarkdown(comparison: Comparison): string {
  const { baseline, current } = comparison;
  return [
    "## web2code-eval compare",
    "",
    headline(comparison),
    "",
    `Baseline \`${baseline.model}\`, current \`${current.model}\`; dataset ${current.dataset.id} \`${current.dataset.fingerprint}\`.`,
    "",
    method(comparison),
    ...comparison.warnings.flatMap((warning) => ["", `> **Warning:** ${warning}`]),
    "",
    markdownTable(["metric", "baseline", "current", "change [95% CI]", "max drop", "verdict"], comparison.metrics.map(row)),
    "",
    ...worseSection(comparison),
  ].join("\n");
}

function headline({ metrics, failed, warned }: Comparison): string {
  const named = (verdict: string, level?: string) =>
    metrics
      .filter((m) => m.verdict === verdict && (level === undefined || m.level === level))
      .map((m) => m.id)
      .join(", ");
  const warning = warned ? `regression in ${named("regression", "warn")} (warn)` : "";
  if (failed) return `**Regression** in ${named("regression", "error")} (error)${warning ? `; warning: ${warning}` : ""}`;
  if (warned) return `**Warning:** ${warning}`;
  const improved = named("improvement");
  return `No regression${improved ? `; improvement in ${improved}` : ""}`;
}

function method({ samples, bootstrap }: Comparison): string {
  const rule = "A regression is a change whose interval lies wholly below minus the metric's max drop.";
  // A leaderboard baseline has neither.
  if (!samples || !bootstrap) {
    return `Unpaired: the baseline is a leaderboard entry, so change = current mean - baseline mean with the 95% interval ± 1.96 √(se_b² + se_c²), and no per-sample list. ${rule}`;
  }
  return (
    `${samples.shared} samples in both runs (${samples.onlyBaseline} only in the baseline, ${samples.onlyCurrent} only in the current run); ` +
    `change = current - baseline, with a paired bootstrap 95% interval (${bootstrap.resamples} resamples, seed ${bootstrap.seed}). ${rule}`
  );
}

function row(m: MetricComparison): string[] {
  const bold = (text: string) => (m.verdict === "regression" ? `**${text}**` : text);
  const value = (v: number | null) => (v === null ? "n/a" : score(v));
  const change = m.change === null ? "n/a" : `${signed(m.change)} [${signed(m.low!)}, ${signed(m.high!)}]`;
  return [
    bold(m.id),
    value(m.baselineMean),
    value(m.currentMean),
    change,
    m.level === "off" ? "off" : `${score(m.maxDrop)} (${m.level})`,
    bold(m.verdict),
  ];
}

function worseSection({ paired, worse, worseOver, metrics }: Comparison): string[] {
  if (!paired) return [];
  // Over the metrics that regressed when any did, so that the list shows the samples behind the verdict.
  const regressed = metrics.some((m) => m.verdict === "regression");
  const over = regressed
    ? `mean over ${worseOver.join(", ")}, the ${worseOver.length === 1 ? "metric" : "metrics"} that regressed`
    : "mean over metrics";
  const table = worse.length
    ? markdownTable(
        ["sample", "baseline", "current", "change", "status"],
        worse.map((s) => [s.id, score(s.baseline), score(s.current), signed(s.change), s.currentStatus]),
      )
    : "None got worse.";
  return [`### Samples that got most worse (${over})`, "", table, ""];
}

/** A change with its sign; one that rounds to zero shows none, so -0.000 never appears. */
function signed(value: number): string {
  const text = score(Math.abs(value));
  if (text === score(0)) return text;
  return `${value < 0 ? "-" : "+"}${text}`;
}
