import { score, type LoadedRun } from "../results/index.js";

/**
 * WCGB overall scores Web2Code's authors published (0-10; the paper's Table of WCGB results, GPT-4
 * judge), to set a judged run beside: the same backbones trained with and without Web2Code's data.
 */
export const PUBLISHED_WCGB_OVERALL: ReadonlyArray<readonly [model: string, overall: number]> = [
  ["CrystalChat-7B, trained with Web2Code data", 8.394],
  ["CrystalChat-7B, without", 4.825],
  ["Vicuna-7B, trained with Web2Code data", 7.598],
  ["Vicuna-7B, without", 3.198],
];

const GROUPS = ["wcgb_structure", "wcgb_color", "wcgb_text", "wcgb_ui", "wcgb_overall"] as const;

/** The judged runs' WCGB scores on Web2Code's 0-10 scale, with what the judge used: a table's header and rows. */
export function wcgbTable(runs: readonly LoadedRun[]): { header: string[]; rows: string[][] } | undefined {
  const judged = runs.filter((run) => run.results.judge);
  if (judged.length === 0) return undefined;
  return {
    header: ["model", "structure", "colour", "text", "UI", "overall", "verdicts", "judge errors", "calls", "tokens (prompt + completion)"],
    rows: judged.map((run) => {
      const { usage } = run.results.judge!;
      const tenths = GROUPS.map((id) => {
        const aggregate = run.results.aggregates[id];
        return aggregate ? (aggregate.mean * 10).toFixed(2) : "n/a";
      });
      return [
        run.results.model.id,
        ...tenths,
        String(usage.verdicts ?? ""),
        String(usage.errors),
        String(usage.calls),
        `${usage.promptTokens} + ${usage.completionTokens}`,
      ];
    }),
  };
}

/** How far each judge can be trusted: agreement with itself, in swapped order, and with pixel_similarity. */
export function agreementTable(runs: readonly LoadedRun[]): { header: string[]; rows: string[][] } | undefined {
  const rows = runs.flatMap((run) => {
    const agreement = run.results.judge?.agreement;
    if (!agreement) return [];
    const check = (name: string, value: (typeof agreement)["repeat"]) =>
      value
        ? [
            [
              run.results.model.id,
              name,
              String(value.n),
              maybe(value.overallMeanAbsDiff, 2),
              maybe(value.identicalShare, 3),
              maybe(value.pearson, 3),
            ],
          ]
        : [];
    const metrics = Object.entries(agreement.metrics).map(([id, correlation]) => [
      run.results.model.id,
      `overall against ${id} (Spearman ${maybe(correlation.spearman, 3)})`,
      String(correlation.n),
      "",
      "",
      maybe(correlation.pearson, 3),
    ]);
    return [...check("same pair twice", agreement.repeat), ...check("screenshots swapped", agreement.swapped), ...metrics];
  });
  if (rows.length === 0) return undefined;
  return { header: ["model", "check", "pairs", "mean |difference| of overall (0-10)", "identical answers", "Pearson r"], rows };
}

function maybe(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined ? "n/a" : digits === 3 ? score(value) : value.toFixed(digits);
}
