import { resolve } from "node:path";
import { z } from "zod";
import { WCGB_METRICS } from "../judge/groups.js";
import { METRIC_IDS } from "../metrics/registry.js";
import { DATASET_FIELD, MODELS_FIELD } from "../runner/plan-defaults.js";
import { lstatOrNull, readJsonFile } from "../shared/index.js";
import { splitViewportMetricId } from "../shared/viewports.js";
import { UsageError } from "./errors.js";

export const CONFIG_FILE = "web2code.config.json";

/** Every metric a run can have: the built-in ones, those of an option (--clip-model, --judge). */
const KNOWN_METRIC_IDS = [...METRIC_IDS, "d2c_clip", "d2c_final", ...WCGB_METRICS.map((metric) => metric.id)];
const AssertionLevelSchema = z.enum(["off", "warn", "error"]);

/** Lighthouse CI's form: a level alone, or [level, options]. */
const AssertionConfigSchema = z.union(
  [AssertionLevelSchema, z.tuple([AssertionLevelSchema, z.object({ maxDrop: z.number().min(0).optional() }).strict()])],
  { error: 'expected "off", "warn", "error" or [level, { "maxDrop": number >= 0 }]' },
);
export type AssertionConfig = z.infer<typeof AssertionConfigSchema>;

const ConfigSchema = z
  .object({
    /** Model specs run when `run` names none. */
    models: MODELS_FIELD.optional(),
    /** Dataset used when `run` names none. */
    dataset: DATASET_FIELD.optional(),
    /** `compare`'s assertion per metric id (at a viewport of `--viewports`: `<id>@<WxH>`); a metric not named is ["error", { "maxDrop": 0.01 }]. */
    compare: z
      .object({
        assertions: z
          .record(z.string(), AssertionConfigSchema)
          .superRefine((assertions, ctx) => {
            // A misspelt metric would silently fall back to the default: refuse it.
            for (const id of Object.keys(assertions)) {
              if (!KNOWN_METRIC_IDS.includes(splitViewportMetricId(id).metric))
                ctx.addIssue({ code: "custom", path: [id], message: `unknown metric (metrics: ${KNOWN_METRIC_IDS.join(", ")})` });
            }
          })
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

/** web2code.config.json in the working folder, if there is one; unknown keys are an error. */
export function loadConfig(dir = process.cwd()): Config {
  const file = resolve(dir, CONFIG_FILE);
  // lstat, not exists: a link to nothing is a broken config, not an absent one.
  if (!lstatOrNull(file)) return {};
  return readJsonFile(file, "config", ConfigSchema, UsageError);
}
