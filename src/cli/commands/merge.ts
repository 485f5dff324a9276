import { resolve } from "node:path";
import type { Command } from "commander";
import { loadDataset, type Dataset } from "../../datasets/index.js";
import { buildResults, readRun, summaryMarkdown, type SampleRecordData } from "../../report/index.js";
import {
  checkMergeOutput,
  checkOutputDir,
  planMerge,
  readSampleLines,
  writeMergedRun,
  type MergedRun,
  type ShardRun,
} from "../../runner/index.js";
import { oneLine } from "../errors.js";
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
  ).action((paths: string[], flags: MergeFlags) => {
    const output = createOutput(flags);
    const out = resolve(flags.out);
    // Every shard is read and every check made before anything is written: a refusal leaves no file behind.
    const runs: ShardRun[] = paths.map((path) => {
      const run = readRun(path);
      return { dir: run.dir, results: run.results, records: readSampleLines(run.dir) };
    });
    checkOutputDir(out);
    checkMergeOutput(out, runs);
    const dataset = shardsDataset(runs, flags.dataset, output);
    const merged = planMerge(runs, { dataset });
    const results = mergedResults(merged);
    const records = merged.records as unknown as SampleRecordData[];
    writeMergedRun(merged, out, [
      ["summary.md", summaryMarkdown(results, records)],
      ["results.json", `${JSON.stringify(results, null, 2)}\n`],
    ]);
    const { total, scored } = results.dataset.samples;
    output.log(
      `${results.model.id}: ${merged.shards.length} shards merged, ${scored}/${total} scored` +
        (merged.checkedAgainstDataset ? `, ids checked against ${merged.dataset.root as string}` : "") +
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
 * results.json of the merged run: rebuilt from the merged records by the same code as a run's, so
 * aggregates, failures and generation totals are over every sample; `selection` keeps `--limit`
 * only; `timing.totalMs` is the shards' sum (`timing.mergedFrom` says over how many); `merged`
 * lists each shard with its own environment and the model fields merge does not compare.
 */
function mergedResults(merged: MergedRun) {
  const built = buildResults({
    tool: merged.tool,
    createdAt: merged.createdAt,
    task: merged.task,
    model: merged.model,
    dataset: merged.dataset as Parameters<typeof buildResults>[0]["dataset"],
    records: merged.records as unknown as SampleRecordData[],
    ...(merged.limit === undefined ? {} : { selection: { limit: merged.limit } }),
    environment: merged.environment as Parameters<typeof buildResults>[0]["environment"],
    totalMs: merged.totalMs,
  });
  return {
    ...built,
    timing: { ...built.timing, mergedFrom: merged.shards.length },
    merged: {
      timing: "totalMs is the sum of the shards' totalMs (time spent on all machines, not wall-clock time)",
      shards: merged.provenance,
    },
  };
}

/**
 * The shards' dataset, to check their sample ids against the unsharded selection: `--dataset`
 * (which must be theirs), else a folder they recorded when it is here with their fingerprint.
 */
function shardsDataset(runs: readonly ShardRun[], override: string | undefined, output: Output): Dataset | undefined {
  if (override !== undefined) return loadDataset(override);
  const fingerprint = runs[0]?.results.dataset.fingerprint;
  const roots = [...new Set(runs.map((run) => run.results.dataset.root).filter((root): root is string => typeof root === "string"))];
  const problems: string[] = [];
  for (const root of roots) {
    try {
      const dataset = loadDataset(root);
      if (dataset.fingerprint === fingerprint) return dataset;
      problems.push(`${root} has fingerprint ${dataset.fingerprint}, the shards ${fingerprint}`);
    } catch (error) {
      problems.push(oneLine(error));
    }
  }
  output.log(
    `sample ids checked against the shard sizes only (${problems.join("; ") || "the shards record no dataset folder"}; give --dataset D)`,
  );
  return undefined;
}
