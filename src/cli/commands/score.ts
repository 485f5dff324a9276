import type { Command } from "commander";
import { createOutput } from "../output.js";
import { addRunFlags, withExamples, type CommonFlags } from "../flags.js";
import type { RunPlanInput } from "../../runner/plan.js";

/** The score command's flags: the plan's fields, the model being the replay of `--predictions`. */
type ScoreFlags = CommonFlags & Omit<RunPlanInput, "models"> & { predictions: string };

export function registerScore(program: Command): void {
  withExamples(
    addRunFlags(
      program
        .command("score")
        .description("score saved predictions (PDIR/<sample-id>.html) without a model: the same as run --model replay:PDIR")
        .requiredOption(
          "--dataset <D>",
          "built-in dataset id or path: a folder, a parquet file or folder, a Web2Code JSONL, a LLaVA JSON, a VLMEvalKit TSV",
        )
        .requiredOption("--predictions <PDIR>", "folder of <sample-id>.html files")
        .requiredOption("--out <dir>", "run folder to write"),
    ),
    "score --dataset mini --predictions ./preds --out reports/preds",
  ).action(async (flags: ScoreFlags) => {
    const { runModels } = await import("../run-models.js");
    const { predictions, json, quiet, ...plan } = flags;
    await runModels({ ...plan, models: [`replay:${predictions}`] }, createOutput({ json, quiet }));
  });
}
