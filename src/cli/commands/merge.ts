import { resolve } from "node:path";
import type { Command } from "commander";
import { loadDataset, type Dataset } from "../../datasets/index.js";
import type { LoadedRun } from "../../results/index.js";
import { recordedDataset, recordedOptions } from "../runs-dataset.js";
import { addOutputFlags, withExamples, type CommonFlags } from "../flags.js";
import { createOutput, type Output } from "../output.js";

interface MergeFlags extends CommonFlags {
  out: string;
  dataset?: string;
}

export function registerMerge(program: Command): void {
  withExamples(
    addOutputFlags(
      program
        .command("merge")
        .description(
          "join the N runs of run --shard i/N into one run whose samples, aggregates and failures are those of the unsharded run; refuses (exit 2, nothing written) shards of different runs, a missing or repeated shard",
        )
        .argument("<RUN...>", "the shard runs' folders (or their results.json), all N of them, in any order")
        .requiredOption("--out <DIR>", "the merged run's folder: new, empty, or an earlier output of this tool")
        .option(
          "--dataset <D>",
          "check the sample ids against this dataset (default: the dataset folder the shards recorded, when it is here with their fingerprint)",
        ),
    ),
    "merge shards/1 shards/2 shards/3 --out reports/boxes",
    "merge shard-*/ --out reports/full --json",
    "merge runs/*/results.json --out reports/full --dataset ./design2code",
  ).action(async (paths: string[], flags: MergeFlags) => {
    const { readRun } = await import("../../results/index.js");
    const { checkMergeOutput, checkOutputDir, planMerge, writeMergedRun } = await import("../../runner/index.js");
    const output = createOutput(flags);
    const out = resolve(flags.out);
    // Every shard is read and every check made before anything is written: a refusal leaves no file behind.
    const runs = paths.map((path) => readRun(path));
    checkOutputDir(out);
    checkMergeOutput(out, runs);
    const merged = planMerge(runs, { dataset: await shardsDataset(runs, flags.dataset, output) });
    writeMergedRun(merged, out);
    const { results } = merged;
    const { total, scored } = results.dataset.samples;
    output.log(
      `${results.model.id}: ${merged.shards.length} shards merged, ${scored}/${total} scored` +
        (merged.checkedAgainstDataset ? `, ids checked against ${results.dataset.root}` : "") +
        ` -> ${out}`,
    );
    output.result(
      {
        run: out,
        model: results.model.id,
        shards: merged.shards.length,
        samples: results.dataset.samples,
        aggregates: results.aggregates,
        failures: results.failures,
      },
      `run: ${out}`,
    );
  });
}

/**
 * The shards' dataset, to check their sample ids against the unsharded selection: `--dataset`
 * (which must be theirs), else a folder they recorded when it is here with their fingerprint.
 */
async function shardsDataset(runs: readonly LoadedRun[], override: string | undefined, output: Output): Promise<Dataset | undefined> {
  if (override !== undefined) return loadDataset(override, recordedOptions(runs));
  const found = await recordedDataset(runs);
  if ("dataset" in found) return found.dataset;
  output.log(
    `sample ids checked against the shard sizes only (${found.problems.join("; ") || "the shards record no dataset folder"}; give --dataset D)`,
  );
  return undefined;
}
