import { WCGB_GROUP_IDS, type WcgbGroupId, type WcgbMetricId } from "../shared/index.js";

/**
 * Web2Code's WCGB groups over the ten rubric questions (numbered from 1), as its evaluation script
 * forms them: each group's score is the mean of its questions, overall the mean of the four group
 * means (not of the ten questions), all on its 0-10 scale. Our metrics are these divided by 10.
 */
export const QUESTION_COUNT = 10;
/** Highest score a question takes. */
export const MAX_SCORE = 10;

/** What each group asks, by the group's score id (the ids are the run format's, in src/shared/judge-verdict.ts). */
const GROUP_QUESTIONS: Record<WcgbGroupId, { title: string; questions: readonly number[] }> = {
  wcgb_structure: { title: "Visual Structure & Alignment", questions: [1, 2, 3, 4] },
  wcgb_color: { title: "Color & Aesthetic Design", questions: [5, 6] },
  wcgb_text: { title: "Textual & Content Consistency", questions: [7, 8, 9] },
  wcgb_ui: { title: "User Interface & Interactivity", questions: [10] },
};

export const WCGB_GROUPS = WCGB_GROUP_IDS.map((id) => ({ id, ...GROUP_QUESTIONS[id] }));

/**
 * The version of every wcgb_* score. 2: the judge sees the prediction's render as renderer 5 takes
 * it (the whole scroll area, the page settled), so its verdicts can move with the same judge.
 */
const WCGB_VERSION = 2;

/** The metrics' registry entries: the runner records them in results.json when a run is judged. */
export const WCGB_METRICS: ReadonlyArray<{ id: WcgbMetricId; version: number; higherIsBetter: true; description: string }> = [
  ...WCGB_GROUPS.map((group) => ({
    id: group.id,
    version: WCGB_VERSION,
    higherIsBetter: true as const,
    description: `Judge model's mean score over rubric ${range(group.questions)} (Web2Code's ${group.title}), divided by 10.`,
  })),
  {
    id: "wcgb_overall",
    version: WCGB_VERSION,
    higherIsBetter: true,
    description: "Mean of the four WCGB group scores (Web2Code's overall similarity), divided by 10.",
  },
];

/** The four group means and overall of ten question scores, on Web2Code's 0-10 scale. */
export function groupScores(questions: readonly number[]): Record<WcgbMetricId, number> {
  if (questions.length !== QUESTION_COUNT) throw new Error(`expected ${QUESTION_COUNT} question scores, got ${questions.length}`);
  const groups = WCGB_GROUPS.map((group) => [group.id, mean(group.questions.map((q) => questions[q - 1]!))] as const);
  return { ...(Object.fromEntries(groups) as Record<WcgbGroupId, number>), wcgb_overall: mean(groups.map(([, score]) => score)) };
}

/** Our metrics: each 0-10 score divided by 10. */
export function wcgbMetrics(scores: Record<WcgbMetricId, number>): Record<WcgbMetricId, number> {
  return Object.fromEntries(Object.entries(scores).map(([id, score]) => [id, score / MAX_SCORE])) as Record<WcgbMetricId, number>;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function range(questions: readonly number[]): string {
  return questions.length === 1 ? `question ${questions[0]}` : `questions ${questions[0]}-${questions[questions.length - 1]}`;
}
