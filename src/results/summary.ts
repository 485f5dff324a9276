import { splitViewportMetricId } from "../shared/viewports.js";
import { sampleScore } from "./aggregate.js";
import { failureText, markdownTable, meanWithCi, score } from "./format.js";
import type { Results, SampleRecord } from "./schema.js";
import { checkScreenshotWidths, widthsText } from "./screenshot-widths.js";

const LISTED = 5;

/** summary.md of one run: aggregates, failures, slowest and worst samples. */
export function summaryMarkdown(results: Results, records: readonly SampleRecord[]): string {
  const ids = Object.keys(results.metrics);
  // Scores at the viewports after the run's own are in their own table (## Viewports).
  const ownIds = ids.filter((id) => splitViewportMetricId(id).viewport === undefined);
  const { total, scored } = results.dataset.samples;
  const failed = records.filter((r) => r.status !== "ok");
  const slowest = [...records].sort((a, b) => b.ms.total - a.ms.total).slice(0, LISTED);
  const worst = [...records].sort((a, b) => sampleScore(a, ids) - sampleScore(b, ids)).slice(0, LISTED);
  return [
    `# ${results.model.id} on ${results.dataset.id}`,
    "",
    `${total} samples, ${scored} scored; failures: ${failureText(results.failures)}. ` +
      `Task ${results.task}; ${results.tool.name} ${results.tool.version}; ${results.environment.chrome}; ` +
      `${(results.timing.totalMs / 1000).toFixed(1)} s.`,
    ...widthLines(results, records),
    ...generationLine(results),
    ...refusedLine(results),
    ...qaLines(results),
    ...interactionLines(results),
    ...cacheLine(results),
    "",
    `Aggregates (${results.aggregation}):`,
    "",
    markdownTable(
      ["metric", "mean [95% CI]", "median", "n"],
      ownIds.map((id) => {
        const a = results.aggregates[id]!;
        return [id, meanWithCi(a), score(a.median), String(a.n)];
      }),
    ),
    ...viewportLines(results),
    "",
    "## Failures",
    "",
    failed.length
      ? markdownTable(
          ["sample", "status", "error"],
          failed.map((r) => [r.id, r.status, r.error ?? ""]),
        )
      : "None.",
    "",
    "## Slowest samples",
    "",
    markdownTable(
      ["sample", "ms"],
      slowest.map((r) => [r.id, r.ms.total.toFixed(0)]),
    ),
    "",
    "## Worst samples (mean over metrics)",
    "",
    markdownTable(
      ["sample", "status", "score"],
      worst.map((r) => [r.id, r.status, score(sampleScore(r, ids))]),
    ),
    "",
  ].join("\n");
}

/**
 * The width pages were rendered at when `--width` changed it, and the screenshots of another
 * width: the model saw those pages at a width other than the renders the scores compare.
 */
function widthLines(results: Results, records: readonly SampleRecord[]): string[] {
  const rendered = results.environment.renderer?.viewport?.width;
  if (rendered === undefined) return [];
  const own = results.dataset.viewport?.width;
  const lines =
    own === undefined || own === rendered
      ? []
      : [
          "",
          `Pages were rendered ${rendered} px wide (${results.viewports ? "the first of --viewports" : "--width"}); the dataset's viewport is ${own} px wide.`,
        ];
  const check = checkScreenshotWidths(
    records.flatMap((record) => (record.screenshot ? [record.screenshot.width] : [])),
    rendered,
  );
  if (check.differing === 0) return lines;
  const advice = check.takenAt
    ? `: most were taken at another width than the renders the scores compare; --width ${check.takenAt} renders at theirs.`
    : ".";
  return [
    ...lines,
    "",
    `${check.differing} of ${check.total} screenshots are not ${rendered} px wide, the width pages were rendered at (${widthsText(check)})${advice}`,
  ];
}

/** `--viewports`: each metric's mean at each viewport, side by side (the run's own viewport first). */
function viewportLines(results: Results): string[] {
  const viewports = Object.entries(results.viewports ?? {});
  if (viewports.length === 0) return [];
  const ids = Object.keys(viewports[0]![1].aggregates);
  return [
    "",
    "## Viewports",
    "",
    `The same pages rendered and scored at each viewport (mean [95% CI]); the first is the run's own, whose scores are the aggregates above.`,
    "",
    markdownTable(
      ["metric", ...viewports.map(([name]) => name)],
      ids.map((id) => [id, ...viewports.map(([, { aggregates }]) => (aggregates[id] ? meanWithCi(aggregates[id]) : "—"))]),
    ),
  ];
}

/** Task qa: how many questions were asked twice, and the scores per category. */
function qaLines(results: Results): string[] {
  const qa = results.qa;
  if (!qa) return [];
  const categories = Object.entries(qa.categories);
  return [
    "",
    `${qa.retried} answers were not yes or no and the question was asked again; the second answer is the one scored.`,
    ...(categories.length
      ? [
          "",
          markdownTable(
            ["category", "questions", "qa_accuracy", "qa_exact"],
            categories.map(([category, { n, qa_accuracy, qa_exact }]) => [category, String(n), score(qa_accuracy), score(qa_exact)]),
          ),
        ]
      : []),
  ];
}

/** Task interaction: interactions by outcome, and the scores per tag type and per visual type (Interaction2Code's cuts). */
function interactionLines(results: Results): string[] {
  const totals = results.interaction;
  if (!totals) return [];
  const ids = Object.keys(Object.values(totals.byTagType)[0]?.means ?? {}).filter((id) => splitViewportMetricId(id).viewport === undefined);
  const table = (cut: string, groups: Record<string, { n: number; means: Record<string, number> }>) =>
    markdownTable(
      [cut, "interactions", ...ids],
      Object.entries(groups).map(([type, { n, means }]) => [type, String(n), ...ids.map((id) => score(means[id]!))]),
    );
  const outcomes = Object.entries(totals.outcomes).map(([outcome, n]) => `${outcome} ${n}`);
  const undriven = totals.interactions - Object.values(totals.outcomes).reduce((sum, n) => sum + n, 0);
  return [
    "",
    `${totals.interactions} interactions: ${outcomes.join(", ") || "none driven"}${undriven ? `; ${undriven} on pages that failed before they were driven` : ""}.`,
    "",
    table("tag type", totals.byTagType),
    "",
    table("visual type", totals.byVisualType),
  ];
}

/** What the predictions' pages wanted and the sandbox refused: a library the store lacks shows here. */
function refusedLine(results: Results): string[] {
  const refused = results.refusedRequests;
  if (!refused) return [];
  const top = refused.urls.slice(0, 5).map(({ url, count }) => `${url} (${count})`);
  return ["", `The sandbox refused ${refused.total} requests of ${refused.samples} predictions; most asked for: ${top.join(", ")}.`];
}

/** How many results were not asked of the model or the browser this time: a broken server hides behind cached replies. */
function cacheLine(results: Results): string[] {
  if (!results.cache) return [];
  const { replies, renders } = results.cache;
  const total = results.dataset.samples.total;
  return [
    "",
    `From the cache: ${replies} of ${total} replies (the model was not asked for these) and ${renders} of ${total} prediction renders` +
      (replies ? "; --no-cache asks the model again." : "."),
  ];
}

/** Token counts and speed, for runs of a model that reports them. */
function generationLine(results: Results): string[] {
  const generation = results.generation;
  if (!generation?.completionTokens) return [];
  const speed = generation.meanTokensPerSecond === null ? "" : `, ${generation.meanTokensPerSecond} tokens/s per sample`;
  const clamped = generation.clamped ? `; max_tokens clamped to the context on ${generation.clamped}` : "";
  return [
    "",
    `Generated ${generation.completionTokens} tokens${speed}; ${generation.truncated} answers cut at their token limit${clamped}.`,
  ];
}
