import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { createOutput } from "../output.js";
import { addRunFlags, collect, withExamples, type CommonFlags } from "../flags.js";
import { PLAN_DEFAULTS } from "../../runner/plan-defaults.js";
import type { RunPlanInput } from "../../runner/plan.js";

/** The run's flags as commander gives them: the plan's fields, `--model` once per spec. */
type RunCommandFlags = CommonFlags & Omit<RunPlanInput, "models"> & { model?: string[] };

export function registerRun(program: Command): void {
  withExamples(
    addRunFlags(
      program
        .command("run")
        .description("generate HTML for every sample with each model, render it, score it, and write a run")
        .option(
          "--dataset <D>",
          `built-in dataset id or path: a folder, a parquet file or folder, a Web2Code JSONL, a LLaVA JSON, a VLMEvalKit TSV (default: web2code.config.json's, else ${PLAN_DEFAULTS.dataset})`,
        )
        .option(
          "--model <spec>",
          `model spec; repeat for several (default: web2code.config.json's, else ${PLAN_DEFAULTS.models.join(", ")})`,
          collect,
        )
        .option("--out <dir>", "output folder (default: reports/)"),
    ),
    "run                                     # the baseline panel on the built-in dataset",
    "run --model boxes --limit 5 --out /tmp/boxes",
    "run --dataset ./design2code --model replay:./preds --model blank --out reports/d2c",
  ).action(async (flags: RunCommandFlags) => {
    // The config file fills what the command line leaves out; the plan's defaults fill the rest.
    const config = flags.model && flags.dataset ? {} : loadConfig();
    const { runModels } = await import("../run-models.js");
    const { model, json, quiet, ...plan } = flags;
    await runModels({ ...plan, dataset: flags.dataset ?? config.dataset, models: model ?? config.models }, createOutput({ json, quiet }));
  });
}
