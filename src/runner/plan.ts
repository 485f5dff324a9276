import { z } from "zod";
import { withModelName } from "../model/index.js";
import { RENDER_DEFAULTS } from "../render/defaults.js";
import { BadInputError } from "../shared/index.js";
import { INTERACTION_VIEWS } from "../shared/interaction-prompt.js";
import { TASKS } from "../shared/tasks.js";
import { namedViewport, VIEWPORT_NAME } from "../shared/viewports.js";
import { cacheDir } from "./cache-dir.js";
import { DATASET_FIELD, MIN_WIDTH, MODELS_FIELD, PLAN_DEFAULTS, POSITIVE_INT, VIEWPORT_FORM, WIDTH_RANGE } from "./plan-defaults.js";

const positiveInt = z.number({ error: POSITIVE_INT }).int({ error: POSITIVE_INT }).min(1, { error: POSITIVE_INT });
const JUDGE_CHECKS = ["repeat", "swap"] as const;

/**
 * One run, as the command line (and web2code.config.json) or a program gives it: parsed once by
 * {@link parsePlan} into a frozen {@link RunPlan} that the runner, its scorers and writers read. A
 * field is named as its flag's attribute (`--render-timeout` is `renderTimeout`), so an option is
 * one field here and its flag in src/cli/flags.ts.
 */
export const RunPlanSchema = z
  .object({
    /** A built-in dataset id or a dataset's path. */
    dataset: DATASET_FIELD.default(PLAN_DEFAULTS.dataset),
    /** How to read it, where its form leaves a choice (`--columns`, `--images`). */
    columns: z.record(z.string(), z.string()).optional(),
    images: z.string().optional(),
    /** Model specs: one run each. */
    models: MODELS_FIELD.default(() => [...PLAN_DEFAULTS.models]),
    /** `--name`: the one model's name (its id), in place of the name its spec gives it. */
    name: z.string().min(1).optional(),
    task: z.enum(TASKS).default(PLAN_DEFAULTS.task),
    /** Task `interaction`: which screenshots of each interaction the model sees (`--interaction-prompt`). */
    interactionPrompt: z.enum(INTERACTION_VIEWS).default(PLAN_DEFAULTS.interactionPrompt),
    /**
     * One model: its run folder (default `reports/<model id>`). Several: the folder holding a run
     * folder per model, named by the model's id (default `reports/`).
     */
    out: z.string().optional(),
    /** Only the first N samples. */
    limit: positiveInt.optional(),
    /** Only the i-th of N slices of them (`--shard i/N`). */
    shard: z
      .object({ index: positiveInt, count: positiveInt })
      .refine((shard) => shard.index <= shard.count, { error: "expected i/N with 1 <= i <= N, e.g. 2/8" })
      .optional(),
    /** Render every page, references and predictions, at this viewport width instead of the dataset's. */
    width: z
      .number()
      .int({ error: WIDTH_RANGE })
      .min(MIN_WIDTH, { error: WIDTH_RANGE })
      .max(RENDER_DEFAULTS.maxWidth, { error: WIDTH_RANGE })
      .optional(),
    /**
     * `--viewports`: score every page at each of these window sizes (`WIDTHxHEIGHT`, named as given).
     * The first is the run's own viewport, in place of the dataset's; each other one's scores are
     * `<metric id>@<viewport>` (src/shared/viewports.ts).
     */
    viewports: z
      .array(z.string().regex(VIEWPORT_NAME, { error: VIEWPORT_FORM }))
      .min(1, { error: VIEWPORT_FORM })
      .optional(),
    /** Concurrent generations per model (fewer when the model serves fewer). */
    concurrency: positiveInt.default(PLAN_DEFAULTS.concurrency),
    /** Browser workers. */
    renderConcurrency: positiveInt.default(PLAN_DEFAULTS.renderConcurrency),
    /** The hard deadline of one page's render, milliseconds. */
    renderTimeout: positiveInt.default(PLAN_DEFAULTS.renderTimeout),
    /** The deadline of one model request, milliseconds. */
    generationTimeout: positiveInt.default(PLAN_DEFAULTS.generationTimeout),
    /** Read and write the generation and render caches (false: `--no-cache`). */
    cache: z.boolean().default(true),
    /** Start over even where a run folder holds an unfinished run of the same settings. */
    fresh: z.boolean().default(false),
    /** Serve CDN libraries from the store in the user cache; false (`--no-libraries`): dataset files only. */
    libraries: z.boolean().default(true),
    /** Continuing a run: do every failed sample again, not only those whose failure may pass. */
    retryFailed: z.boolean().default(false),
    /** `--max-failures`: the command exits 100 past this many failed samples, or this share of them. */
    maxFailures: z
      .union([z.object({ count: z.number().int().min(0) }).strict(), z.object({ percent: z.number().min(0).max(100) }).strict()])
      .optional(),
    /** `--clip-model`: an ONNX CLIP image encoder, adding d2c_clip and d2c_final. */
    clipModel: z.string().min(1).optional(),
    /** `--judge`: a vision model spec that scores every scored sample with the rubric (the wcgb_* metrics). */
    judge: z.string().min(1).optional(),
    /** `--rubric`: the judge's rubric file; the package's own when not given. */
    rubric: z.string().min(1).optional(),
    /** `--judge-max-calls`: the requests the judge may receive over every session of the run. */
    judgeMaxCalls: positiveInt.optional(),
    /** `--judge-checks`: the judge's self-checks, each one more verdict per sample. */
    judgeChecks: z.array(z.enum(JUDGE_CHECKS)).min(1).optional(),
    /** The user cache folder. */
    cacheRoot: z
      .string()
      .min(1)
      .default(() => cacheDir()),
    /** Stops the run: finished samples are kept, and the run ends interrupted (default: a run nothing stops). */
    signal: z.instanceof(AbortSignal).default(() => new AbortController().signal),
  })
  // A misspelt field from a program is refused, not silently dropped.
  .strict()
  .superRefine((plan, ctx) => {
    const judgeFlag = [
      plan.rubric !== undefined && "--rubric",
      plan.judgeMaxCalls !== undefined && "--judge-max-calls",
      plan.judgeChecks !== undefined && "--judge-checks",
    ].find(Boolean);
    if (judgeFlag && plan.judge === undefined)
      ctx.addIssue({ code: "custom", message: `${judgeFlag} is a flag of the judge: give --judge SPEC too` });
    if (plan.viewports !== undefined) {
      if (plan.width !== undefined)
        ctx.addIssue({
          code: "custom",
          message: "--width and --viewports both set the viewport: give the width as the first of --viewports",
        });
      const repeated = plan.viewports.find((name, k) => plan.viewports!.indexOf(name) !== k);
      if (repeated) ctx.addIssue({ code: "custom", path: ["viewports"], message: `${repeated} is given twice` });
      const narrow = plan.viewports.map(namedViewport).find((v) => v && (v.width < MIN_WIDTH || v.width > RENDER_DEFAULTS.maxWidth));
      if (narrow) ctx.addIssue({ code: "custom", path: ["viewports"], message: `${narrow.name}: width ${WIDTH_RANGE}` });
    }
    if (plan.name !== undefined && plan.models.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: `--name names one model, and this run has ${plan.models.length}: name each in its spec instead, e.g. --model ${withModelName(plan.models[0] ?? "boxes", plan.name)}`,
      });
    }
  });

/** A run's settings as given: every field with a default may be left out. */
export type RunPlanInput = z.input<typeof RunPlanSchema>;
/** A run's settings, checked, every default applied, frozen. */
export type RunPlan = Readonly<z.output<typeof RunPlanSchema>>;

/** Parses a run's settings once: bad input (exit 2) names the field and what it expects. */
export function parsePlan(input: RunPlanInput): RunPlan {
  const parsed = RunPlanSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadInputError(issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message);
  }
  return deepFreeze(parsed.data);
}

/** The specs the run's models are made from: with `--name`, the one model's spec named so. */
export function modelSpecs({ models, name }: Pick<RunPlan, "models" | "name">): readonly string[] {
  return name === undefined ? models : models.map((spec) => withModelName(spec, name));
}

/** Freezes the plan and the plain objects and arrays in it (not the signal, which the run listens on). */
function deepFreeze<T extends object>(value: T): T {
  for (const field of Object.values(value)) {
    if (Array.isArray(field) || (typeof field === "object" && field !== null && Object.getPrototypeOf(field) === Object.prototype))
      deepFreeze(field as object);
  }
  return Object.freeze(value);
}
