import { z } from "zod";

/**
 * A judge verdict, typed once: the judge room builds it and the results room keeps it in
 * samples.jsonl (docs/contract.md). It lives here because those two rooms may not import each other.
 */

/** The WCGB groups' score ids, in Web2Code's order (src/judge/groups.ts says which questions each averages). */
export const WCGB_GROUP_IDS = ["wcgb_structure", "wcgb_color", "wcgb_text", "wcgb_ui"] as const;
/** Every wcgb_* score: the groups' and their overall mean. */
export const WCGB_METRIC_IDS = [...WCGB_GROUP_IDS, "wcgb_overall"] as const;
export type WcgbGroupId = (typeof WCGB_GROUP_IDS)[number];
export type WcgbMetricId = (typeof WCGB_METRIC_IDS)[number];

/** Which screenshot comes first: the reference (Web2Code's order) or, for the swap check, the prediction. */
export const JudgeOrderSchema = z.enum(["reference-first", "prediction-first"]);
export type JudgeOrder = z.infer<typeof JudgeOrderSchema>;

/** What one verdict cost. */
export const JudgeTallySchema = z.object({
  /** Requests sent for this verdict in this run (0 when it came from the cache). */
  calls: z.number().int(),
  reasks: z.number().int(),
  usage: z.object({ prompt: z.number(), completion: z.number() }),
  ms: z.number(),
});
export type JudgeTally = z.infer<typeof JudgeTallySchema>;

/** A score per wcgb_* id, every id present. */
const WcgbScoresSchema = z.record(z.enum(WCGB_METRIC_IDS), z.number());

export const JudgeVerdictSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    ...JudgeTallySchema.shape,
    order: JudgeOrderSchema,
    /** The ten answers, 0-10, in question order. */
    questions: z.array(z.number()),
    /** Group means and overall on Web2Code's 0-10 scale. */
    scores: WcgbScoresSchema,
    /** The same divided by 10: the sample's `wcgb_*` metrics. */
    metrics: WcgbScoresSchema,
    reply: z.string(),
    cached: z.boolean(),
  }),
  z.object({
    ok: z.literal(false),
    ...JudgeTallySchema.shape,
    order: JudgeOrderSchema,
    status: z.literal("judge_error"),
    error: z.string(),
    /** The unreadable replies, each cut to 500 characters. */
    replies: z.array(z.string()),
  }),
]);
export type JudgeVerdict = z.infer<typeof JudgeVerdictSchema>;

/** A sample's verdict, and the checks' verdicts when asked for. */
export const JudgeSampleSchema = z.object({
  verdict: JudgeVerdictSchema,
  /** The same pair judged again (self-agreement). */
  repeat: JudgeVerdictSchema.optional(),
  /** The pair judged with the prediction's render first. */
  swapped: JudgeVerdictSchema.optional(),
});
export type JudgeSampleResult = z.infer<typeof JudgeSampleSchema>;
