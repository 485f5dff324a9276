import { z } from "zod";
import { RENDER_DEFAULTS } from "../render/defaults.js";

// Apart from the plan's schema (src/runner/plan.ts) so that the command's flags, help and config file read them without loading the runner.

/**
 * Every default of a run, applied by {@link RunPlanSchema} and nowhere else; the command's help
 * shows them from here.
 */
export const PLAN_DEFAULTS = Object.freeze({
  dataset: "mini",
  models: Object.freeze(["reference", "boxes", "blank"]),
  task: "image2html",
  interactionPrompt: "direct",
  concurrency: 4,
  renderConcurrency: 2,
  renderTimeout: 15_000,
  generationTimeout: 600_000,
} as const);

/** The narrowest viewport a dataset.json may name; `--width` may not go below it. */
export const MIN_WIDTH = 100;

/** What a value that is not a count is told (the flag's own parser says the same). */
export const POSITIVE_INT = "expected an integer >= 1";
export const VIEWPORT_FORM = "expected viewports as WIDTHxHEIGHT in pixels, separated by commas, e.g. 1280x720,768x1024,390x844";
export const WIDTH_RANGE = `expected a whole number of pixels from ${MIN_WIDTH} to ${RENDER_DEFAULTS.maxWidth}`;

/** The plan's fields that web2code.config.json may give too (src/cli/config.ts), checked alike in both. */
export const DATASET_FIELD = z.string().min(1);
export const MODELS_FIELD = z.array(z.string().min(1)).min(1);
