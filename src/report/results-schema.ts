import { z } from "zod";

/** Bumped when results.json changes in a way readers must know about. */
export const RESULTS_SCHEMA_VERSION = 1;

const TreeStatsSchema = z.object({ dom_depth: z.number(), tag_count: z.number(), unique_tags: z.number() });

/** One line of samples.jsonl: the fields readers rely on (parsing keeps only these). */
export const SampleRecordSchema = z.object({
  id: z.string(),
  status: z.string(),
  error: z.string().optional(),
  metrics: z.record(z.string(), z.number().nullable()),
  stats: z.object({ pred: TreeStatsSchema.nullable(), ref: TreeStatsSchema }),
  generation: z
    .object({
      truncated: z.boolean(),
      usage: z.object({ prompt: z.number().optional(), completion: z.number().optional() }).optional(),
      tokensPerSecond: z.number().optional(),
      clampedFrom: z.number().optional(),
    })
    .optional(),
  ms: z.object({ total: z.number() }),
});
export type SampleRecordData = z.infer<typeof SampleRecordSchema>;

export const AggregateSchema = z.object({ mean: z.number(), median: z.number(), stderr: z.number(), n: z.number().int() });
export type Aggregate = z.infer<typeof AggregateSchema>;

export const ResultsSchema = z.looseObject({
  schemaVersion: z.number().int(),
  tool: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  task: z.string(),
  model: z.looseObject({ id: z.string() }),
  dataset: z.looseObject({
    id: z.string(),
    fingerprint: z.string(),
    samples: z.object({ total: z.number().int(), scored: z.number().int() }),
  }),
  metrics: z.record(z.string(), z.object({ version: z.number(), higherIsBetter: z.boolean(), description: z.string() })),
  /** Present when the run covers part of the dataset (`--limit`, `--shard i/N`). */
  selection: z
    .object({ limit: z.number().int().optional(), shard: z.object({ index: z.number().int(), count: z.number().int() }).optional() })
    .optional(),
  aggregation: z.string(),
  aggregates: z.record(z.string(), AggregateSchema),
  failures: z.record(z.string(), z.number().int()),
  environment: z.looseObject({ node: z.string(), chrome: z.string() }),
  generation: z
    .object({
      promptTokens: z.number(),
      completionTokens: z.number(),
      meanTokensPerSecond: z.number().nullable(),
      truncated: z.number().int(),
      clamped: z.number().int(),
    })
    .optional(),
  timing: z.looseObject({ totalMs: z.number() }),
});
export type Results = z.infer<typeof ResultsSchema>;
