import { z } from "zod";
import { D2cBlockMapSchema, JudgeSampleSchema, TreeStatsSchema } from "../shared/index.js";
import { INTERACTION_VIEWS } from "../shared/interaction-prompt.js";
import { ACTION_KINDS, INTERACTION_OUTCOMES } from "../shared/interactions.js";

/**
 * Bumped when results.json changes in a way readers must know about.
 * 2: the model record keeps where it ran apart, under `model.placement` (version 1 files are
 * upgraded when read, see upgrade-v1.ts).
 */
export const RESULTS_SCHEMA_VERSION = 2;

// Shared with the metrics room that measures them.
export { TreeStatsSchema, type TreeStats } from "../shared/index.js";

/** A sample's outcome: `ok`, or the kind of failure. A failed sample keeps its line and scores 0 in aggregates. */
export const SAMPLE_STATUSES = [
  "ok",
  "generation_error",
  "generation_timeout",
  "context_overflow",
  "empty_output",
  "render_error",
  "render_timeout",
  "html_too_large",
  "reference_render_error",
  "scoring_error",
] as const;
export const SampleStatusSchema = z.enum(SAMPLE_STATUSES);
export type SampleStatus = z.infer<typeof SampleStatusSchema>;

/** What the browser told about one render. */
export const RenderNoteSchema = z.looseObject({
  /** The capture's size: the document's whole scroll area (at least the viewport), within the caps. */
  width: z.number(),
  height: z.number(),
  /** Cut at the width cap (absent in runs before renderer 5, which captured the viewport's width). */
  widthCapped: z.boolean().optional(),
  heightCapped: z.boolean(),
  /** The page's size still changed after the frames the renderer waits for. */
  unstable: z.boolean().optional(),
  blockedRequests: z.number(),
  /** The URLs the sandbox refused (scheme, host, path), most frequent first, at most 20 distinct. */
  refusedUrls: z.array(z.object({ url: z.string(), count: z.number().int() })).optional(),
  /** Requests the library store answered (CDN files, Google Fonts CSS, the Tailwind Play CDN). */
  libraryRequests: z.number().optional(),
  /** What the library map changed or left out: version substitutions, missing font families. */
  libraryNotes: z.array(z.string()).optional(),
  dialogs: z.number(),
  /** Served from the render cache. */
  cached: z.boolean().optional(),
});
export type RenderNote = z.infer<typeof RenderNoteSchema>;

/** What the model produced for one sample, as its runtime measured it. */
export const GenerationNoteSchema = z.looseObject({
  finishReason: z.string().optional(),
  truncated: z.boolean(),
  /** Where the HTML was found in the reply: `fence`, `document`, `fragment` or `none`. */
  extractedFrom: z.string().optional(),
  usage: z.object({ prompt: z.number().optional(), completion: z.number().optional() }).optional(),
  tokensPerSecond: z.number().optional(),
  timings: z.record(z.string(), z.number()).optional(),
  /** Wall time of the request to the runtime, retries included. */
  requestMs: z.number().optional(),
  /** Served from the generation cache. */
  cached: z.boolean().optional(),
  /** The answer budget sent, and the asked-for one when the model's context forced it down. */
  maxTokens: z.number().optional(),
  clampedFrom: z.number().optional(),
});
export type GenerationNote = z.infer<typeof GenerationNoteSchema>;

// One schema for the block map, shared with the metrics room that makes it.
export { D2cBlockMapSchema, type D2cBlockMap } from "../shared/index.js";

/** Milliseconds per stage for one sample. */
export const StageMsSchema = z.looseObject({
  generate: z.number(),
  render: z.number(),
  decode: z.number(),
  metrics: z.record(z.string(), z.number()),
  /** The judge's verdict, when the run is judged. */
  judge: z.number().optional(),
  total: z.number(),
});

const BoxSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

/** Task `interaction`: what became of one interaction on the generated page, and its scores. */
export const InteractionRecordSchema = z.object({
  /** N of `#interactN`. */
  index: z.number().int(),
  action: z.enum(ACTION_KINDS),
  /** Absent when the page was never driven (the sample failed before): its scores count 0 in the tables, as a failed sample's do. */
  outcome: z.enum(INTERACTION_OUTCOMES).optional(),
  /** Why the action could not be done (`not_actionable`, `action_error`). */
  error: z.string().optional(),
  /** The dataset's annotation, for the tables cut by type. */
  tagTypes: z.array(z.string()),
  visualTypes: z.array(z.string()),
  /** The element acted on, in the generated page's start capture; absent when there is none. */
  box: BoxSchema.optional(),
  /** Where the page changed, in the generated page's capture and in the reference's screenshot; absent where nothing changed. */
  changed: z.object({ pred: BoxSchema.optional(), ref: BoxSchema.optional() }),
  /** Each interaction_* score of this interaction (the sample's value is their mean over its interactions); null where one failed. */
  metrics: z.record(z.string(), z.number().nullable()),
  metricErrors: z.record(z.string(), z.string()).optional(),
});
export type InteractionRecord = z.infer<typeof InteractionRecordSchema>;

/** The interactions of one tag or visual type over a run: how many, and the mean of each score over them. */
export const InteractionGroupSchema = z.object({ n: z.number().int(), means: z.record(z.string(), z.number()) });

/** One line of samples.jsonl. */
const SampleRecordShape = z.object({
  id: z.string(),
  status: SampleStatusSchema,
  error: z.string().optional(),
  /** Score per metric id; null where the sample failed or the metric could not score it. */
  metrics: z.record(z.string(), z.number().nullable()),
  /** Why a metric scored null on a sample that was otherwise scored. */
  metricErrors: z.record(z.string(), z.string()).optional(),
  /** DOM statistics of both pages; both null on the `qa` task, which has no page. */
  stats: z.object({ pred: TreeStatsSchema.nullable(), ref: TreeStatsSchema.nullable() }),
  generation: GenerationNoteSchema,
  render: z.object({ pred: RenderNoteSchema.optional(), ref: RenderNoteSchema.optional() }).optional(),
  /** Task `qa`: the question, the gold answer, every answer the model gave (a second when the first was not yes or no) and the category. */
  qa: z
    .object({
      question: z.string(),
      gold: z.string(),
      answers: z.array(z.string()),
      category: z.string().optional(),
    })
    .optional(),
  /** Task `interaction`: each interaction of the page, in order. */
  interactions: z.array(InteractionRecordSchema).optional(),
  /** The text blocks behind the d2c_* scores, for the report's picture of the matching. */
  d2c: D2cBlockMapSchema.optional(),
  /** Task image2html: the size of the screenshot the model was shown, to set against the width pages were rendered at. */
  screenshot: z.object({ width: z.number().int(), height: z.number().int() }).optional(),
  /** The judge's verdicts (`--judge`); a verdict that failed leaves the `wcgb_*` metrics null, the sample's status as it was. */
  judge: JudgeSampleSchema.optional(),
  ms: StageMsSchema,
  /** Sessions that ran this sample, this one included: more than 1 when a continued run retried a failure. Absent means 1. */
  attempts: z.number().int().min(1).optional(),
});
export type SampleRecord = z.infer<typeof SampleRecordShape>;
/** Reads a line keeping fields it does not know (written by a newer tool), so a line read and written again loses nothing. */
export const SampleRecordSchema = SampleRecordShape.loose();

export const AggregateSchema = z.object({ mean: z.number(), median: z.number(), stderr: z.number(), n: z.number().int() });
export type Aggregate = z.infer<typeof AggregateSchema>;

/** A metric of a run: its version, direction and meaning, and what else fixes its scores (the CLIP encoder's hash). */
export const MetricInfoSchema = z.looseObject({ version: z.number(), higherIsBetter: z.boolean(), description: z.string() });
export type MetricInfo = z.infer<typeof MetricInfoSchema>;

/**
 * The model of a run: its id, kind and spec as given, what fixes its output (every other field:
 * weights hash or served model name, prompt template, sampling, server build) and, apart, where it
 * ran (`placement`: paths, addresses, threads, GPU, logs), which may differ between shards.
 */
export const ModelRecordSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  /** The spec as given; it may name paths and addresses, so it is not part of the identity. */
  spec: z.string(),
  placement: z.record(z.string(), z.unknown()),
});
export type ModelRecord = z.infer<typeof ModelRecordSchema>;

export const SelectionSchema = z.object({
  limit: z.number().int().optional(),
  shard: z.object({ index: z.number().int(), count: z.number().int() }).optional(),
});

/** One shard of a merged run, as its results.json lists it. */
export const MergedShardSchema = z.looseObject({
  index: z.number().int(),
  count: z.number().int(),
  run: z.string(),
  createdAt: z.string(),
  samples: z.number().int(),
  totalMs: z.number(),
  /** The shard's own placement of the model. */
  placement: z.record(z.string(), z.unknown()),
  environment: z.record(z.string(), z.unknown()),
});
export type MergedShard = z.infer<typeof MergedShardSchema>;

const ViewportSchema = z.object({ width: z.number().int(), height: z.number().int() });

export const EnvironmentSchema = z.looseObject({
  node: z.string(),
  chrome: z.string(),
  os: z.string().optional(),
  renderer: z
    .looseObject({
      fingerprint: z.string(),
      /** The viewport pages were rendered at: the dataset's, or its width replaced by `--width` (`dataset.viewport` keeps the dataset's own). */
      viewport: ViewportSchema.optional(),
    })
    .optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export const DatasetRecordSchema = z.looseObject({
  id: z.string(),
  version: z.string().optional(),
  /** Where the dataset was: reports show its screenshots when it is still there with this fingerprint. */
  root: z.string().optional(),
  fingerprint: z.string(),
  /** The dataset's own viewport; `environment.renderer.viewport` is the one pages were rendered at. */
  viewport: ViewportSchema.optional(),
  samples: z.object({ total: z.number().int(), scored: z.number().int() }),
});
export type DatasetRecord = z.infer<typeof DatasetRecordSchema>;

/** How two verdicts on the same pairs agree (0-10 scale), over the pairs where both read. */
const VerdictAgreementSchema = z.object({
  n: z.number(),
  overallMeanAbsDiff: z.number().nullable(),
  questionMeanAbsDiff: z.number().nullable(),
  identicalShare: z.number().nullable(),
  pearson: z.number().nullable(),
});

export const ResultsSchema = z.looseObject({
  schemaVersion: z.number().int(),
  tool: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  task: z.string(),
  /** Task `interaction`: which screenshots of each interaction the model was shown (`--interaction-prompt`). */
  interactionPrompt: z.enum(INTERACTION_VIEWS).optional(),
  model: ModelRecordSchema,
  dataset: DatasetRecordSchema,
  metrics: z.record(z.string(), MetricInfoSchema),
  /** Metrics of the contract this run did not compute, each with the reason (`d2c_clip` needs `--clip-model`). */
  absentMetrics: z.record(z.string(), z.string()).optional(),
  /** Present when the run covers part of the dataset (`--limit`, `--shard i/N`). */
  selection: SelectionSchema.optional(),
  aggregation: z.string(),
  aggregates: z.record(z.string(), AggregateSchema),
  /**
   * `--viewports`: each viewport, named as given and in order (the run's own first), with its size and
   * its scores' aggregates under the metrics' own ids (those of `aggregates` named `<id>@<viewport>`).
   */
  viewports: z
    .record(z.string(), z.object({ width: z.number().int(), height: z.number().int(), aggregates: z.record(z.string(), AggregateSchema) }))
    .optional(),
  failures: z.record(z.string(), z.number().int()),
  environment: EnvironmentSchema,
  /** Samples whose reply (`generation.cached`) or prediction render (`render.pred.cached`) came from the cache. */
  cache: z.object({ replies: z.number().int(), renders: z.number().int() }).optional(),
  generation: z
    .object({
      promptTokens: z.number(),
      completionTokens: z.number(),
      meanTokensPerSecond: z.number().nullable(),
      truncated: z.number().int(),
      clamped: z.number().int(),
    })
    .optional(),
  timing: z.looseObject({
    totalMs: z.number(),
    samplesPerSecond: z.number().optional(),
    stagesMs: z.record(z.string(), z.unknown()).optional(),
    /** Samples an earlier, interrupted session finished and a continued run kept. */
    resumedSamples: z.number().int().optional(),
    /** A merged run: how many shards' totalMs were summed. */
    mergedFrom: z.number().int().optional(),
  }),
  /** Task `qa`: how many questions were asked twice, and the scores per category where the data has categories. */
  qa: z
    .object({
      retried: z.number().int(),
      categories: z.record(z.string(), z.object({ n: z.number().int(), qa_accuracy: z.number(), qa_exact: z.number() })),
    })
    .optional(),
  /**
   * Task `interaction`: interactions counted by outcome, and the mean of each per-interaction score
   * over the interactions of each tag type and each visual type (Interaction2Code's tables are cut so).
   */
  interaction: z
    .object({
      interactions: z.number().int(),
      outcomes: z.record(z.string(), z.number().int()),
      byTagType: z.record(z.string(), InteractionGroupSchema),
      byVisualType: z.record(z.string(), InteractionGroupSchema),
    })
    .optional(),
  /** What the predictions' pages asked for and the sandbox refused: a library the store lacks shows here first. */
  refusedRequests: z
    .object({
      total: z.number().int(),
      /** Samples whose prediction had a request refused. */
      samples: z.number().int(),
      /** The most frequent URLs over the run, with their counts. */
      urls: z.array(z.object({ url: z.string(), count: z.number().int() })),
    })
    .optional(),
  /** The judge (`--judge`): what fixes its verdicts, its placement apart, calls and tokens, and how far it can be trusted. */
  judge: z
    .looseObject({
      spec: z.string(),
      backend: ModelRecordSchema,
      rubric: z.looseObject({ sha256: z.string() }),
      usage: z.looseObject({ calls: z.number(), errors: z.number(), promptTokens: z.number(), completionTokens: z.number() }),
      agreement: z
        .object({
          repeat: VerdictAgreementSchema.optional(),
          swapped: VerdictAgreementSchema.optional(),
          metrics: z.record(z.string(), z.object({ n: z.number(), pearson: z.number().nullable(), spearman: z.number().nullable() })),
        })
        .optional(),
    })
    .optional(),
  /** A merged run: its shards, each with its own placement and environment. */
  merged: z.object({ timing: z.string(), shards: z.array(MergedShardSchema) }).optional(),
});
export type Results = z.infer<typeof ResultsSchema>;

/**
 * What a run must share with the folder it continues (run.json `identity`): tool version, task,
 * dataset fingerprint, selection, the model's identity, renderer fingerprint, metric versions. Its
 * fields are compared one by one, without knowing what they mean.
 */
export const RunIdentitySchema = z.record(z.string(), z.unknown());
export type RunIdentity = z.infer<typeof RunIdentitySchema>;

/** run.json: written when a run starts, read when the same command continues it. */
export const RunStateSchema = z.object({ version: z.number().int().optional(), identity: RunIdentitySchema, startedAt: z.iso.datetime() });
export type RunState = z.infer<typeof RunStateSchema>;
