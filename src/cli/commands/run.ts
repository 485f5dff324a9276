import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { createOutput } from "../output.js";
import { addRunFlags, collect, withExamples, type RunFlags } from "../flags.js";

export const BASELINE_PANEL = ["reference", "boxes", "blank"];
export const DEFAULT_DATASET = "mini";

interface RunCommandFlags extends RunFlags {
  dataset?: string;
  model?: string[];
  out?: string;
}

export function registerRun(program: Command): void {
  withExamples(
    addRunFlags(
      program
        .command("run")
        .description("generate HTML for every sample with each model, render it, score it, and write a run")
        .option(
          "--dataset <D>",
          `built-in dataset id or path: a folder, a parquet file or folder, a Web2Code JSONL, a LLaVA JSON, a VLMEvalKit TSV (default: web2code.config.json's, else ${DEFAULT_DATASET})`,
        )
        .option("--model <spec>", "model spec; repeat for several (default: web2code.config.json's, else reference, boxes, blank)", collect)
        .option("--out <dir>", "output folder (default: reports/)"),
    ),
    "run                                     # the baseline panel on the built-in dataset",
    "run --model boxes --limit 5 --out /tmp/boxes",
    "run --dataset ./design2code --model replay:./preds --model blank --out reports/d2c",
  ).action(async (flags: RunCommandFlags) => {
    const config = flags.model && flags.dataset ? {} : loadConfig();
    const { runModels } = await import("../run-models.js");
    await runModels(
      {
        ...flags,
        dataset: flags.dataset ?? config.dataset ?? DEFAULT_DATASET,
        models: flags.model ?? config.models ?? BASELINE_PANEL,
      },
      createOutput(flags),
    );
  });
}
