import { join } from "node:path";
import { writeReport } from "../report/index.js";
import { runBenchmark, type BenchmarkOptions } from "../runner/index.js";
import { writeFileAtomic } from "../shared/index.js";
import type { RunFlags } from "./flags.js";
import type { Output } from "./output.js";
import { createProgress, type Progress } from "./progress.js";
import { datasetScreenshots } from "./screenshots.js";

export interface RunModelsOptions extends RunFlags {
  dataset: string;
  models: string[];
  out?: string;
}

/**
 * `run` and `score`: the benchmark with progress on the terminal, Ctrl-C and SIGTERM stopping it
 * in order (servers and the browser closed, finished samples kept), and for several models a
 * comparison beside their runs.
 */
export async function runModels(options: RunModelsOptions, output: Output): Promise<void> {
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const progress = new Map<string, Progress>();
  const benchmark: BenchmarkOptions = {
    dataset: options.dataset,
    datasetOptions: { columns: options.columns, images: options.images },
    models: options.models,
    task: options.task,
    out: options.out,
    limit: options.limit,
    shard: options.shard,
    concurrency: options.concurrency,
    render: { concurrency: options.renderConcurrency, timeoutMs: options.renderTimeout },
    generationTimeoutMs: options.generationTimeout,
    cache: options.cache,
    fresh: options.fresh,
    signal: abort.signal,
  };
  const outcome = await runBenchmark(benchmark, {
    log: (message) => output.log(message),
    modelStart: (model, total) => progress.set(model, createProgress(output, model, total)),
    sample: (model, record, done, total) => progress.get(model)?.sample(record, done, total),
    modelEnd: (model) => progress.get(model)?.stop(),
  }).finally(() => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  });

  const { runs, parent, dataset } = outcome;
  const single = runs.length === 1;
  const lines = runs.map(({ dir }) => `run: ${dir}`);
  if (!single) {
    const written = await writeReport(runs, {
      outDir: parent,
      name: "comparison",
      title: "Model comparison",
      referenceImage: datasetScreenshots(dataset).lookup,
      writeFile: writeFileAtomic,
    });
    lines.push(`comparison: ${written.markdown}`, `comparison: ${written.html}`);
  }
  output.result(
    {
      runs: runs.map(({ dir, results }) => ({ model: results.model.id, dir, aggregates: results.aggregates, failures: results.failures })),
      ...(single ? {} : { comparison: { markdown: join(parent, "comparison.md"), html: join(parent, "comparison.html") } }),
    },
    lines.join("\n"),
  );
}
