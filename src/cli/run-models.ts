import { join } from "node:path";
import { terminalTable, writeReport } from "../report/index.js";
import { withModelName } from "../model/index.js";
import { runBenchmark, RunInterrupted, type BenchmarkOptions } from "../runner/index.js";
import { writeFileAtomic } from "../shared/index.js";
import { Interrupted } from "./errors.js";
import type { RunFlags } from "./flags.js";
import type { Output } from "./output.js";
import { UsageError } from "./errors.js";
import { createProgress, type Progress } from "./progress.js";
import { checkRuns } from "./run-verdict.js";
import { datasetScreenshots } from "./screenshots.js";

export interface RunModelsOptions extends RunFlags {
  dataset: string;
  models: string[];
  out?: string;
}

/**
 * `run` and `score`: the benchmark with progress on the terminal, Ctrl-C and SIGTERM stopping it
 * in order (servers and the browser closed, finished samples kept, exit 130 or 143), for several
 * models a comparison beside their runs, and at the end the scores with the exit code a CI job
 * acts on (1 when a run scored nothing, 100 past `--max-failures`).
 */
export async function runModels(options: RunModelsOptions, output: Output): Promise<void> {
  const judgeFlag = [
    options.rubric && "--rubric",
    options.judgeMaxCalls && "--judge-max-calls",
    options.judgeChecks && "--judge-checks",
  ].find(Boolean);
  if (judgeFlag && options.judge === undefined) throw new UsageError(`${judgeFlag} is a flag of the judge: give --judge SPEC too`);
  const models = options.name === undefined ? options.models : [namedModel(options.models, options.name)];
  const abort = new AbortController();
  let stoppedBy: "SIGINT" | "SIGTERM" = "SIGINT";
  const onSignal = (signal: "SIGINT" | "SIGTERM") => {
    stoppedBy = signal;
    abort.abort();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const progress = new Map<string, Progress>();
  const benchmark: BenchmarkOptions = {
    dataset: options.dataset,
    datasetOptions: { columns: options.columns, images: options.images },
    models,
    task: options.task,
    out: options.out,
    limit: options.limit,
    shard: options.shard,
    ...(options.width === undefined ? {} : { width: options.width }),
    concurrency: options.concurrency,
    render: { concurrency: options.renderConcurrency, timeoutMs: options.renderTimeout },
    generationTimeoutMs: options.generationTimeout,
    cache: options.cache,
    fresh: options.fresh,
    retryFailed: options.retryFailed,
    libraries: options.libraries,
    ...(options.clipModel === undefined ? {} : { clipModel: options.clipModel }),
    ...(options.judge === undefined
      ? {}
      : {
          judge: {
            spec: options.judge,
            ...(options.rubric === undefined ? {} : { rubric: options.rubric }),
            ...(options.judgeMaxCalls === undefined ? {} : { maxCalls: options.judgeMaxCalls }),
            ...(options.judgeChecks
              ? { checks: { repeat: options.judgeChecks.includes("repeat"), swap: options.judgeChecks.includes("swap") } }
              : {}),
          },
        }),
    signal: abort.signal,
  };
  const outcome = await runBenchmark(benchmark, {
    log: (message) => output.log(message),
    modelStart: (model, total) => progress.set(model, createProgress(output, model, total)),
    sample: (model, record, done, total) => progress.get(model)?.sample(record, done, total),
    retry: (model, sampleId, notice) => progress.get(model)?.retry(sampleId, notice),
    modelEnd: (model) => progress.get(model)?.stop(),
  })
    .catch((error: unknown) => {
      // Whatever a stop cut short (a run, a server starting), the command ends as a stopped one.
      if (abort.signal.aborted) throw new Interrupted(error instanceof RunInterrupted ? error.message : "interrupted", stoppedBy);
      throw error;
    })
    .finally(() => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    });

  const { runs, parent, dataset } = outcome;
  const single = runs.length === 1;
  const lines = [
    terminalTable(runs.map((run) => run.results)),
    "",
    "Means over all samples (a failed one counts 0); every metric with its 95% interval in each run's summary.md.",
    "",
    ...runs.map(({ dir }) => `run: ${dir}`),
  ];
  if (!single) {
    const written = await writeReport(runs, {
      outDir: parent,
      name: "comparison",
      title: "Model comparison",
      screenshot: datasetScreenshots(dataset).lookup,
      writeFile: writeFileAtomic,
    });
    lines.push(`comparison: ${written.markdown}`, `comparison: ${written.html}`);
  }
  output.result(
    {
      runs: runs.map(({ dir, results }) => ({
        model: results.model.id,
        dir,
        samples: results.dataset.samples,
        aggregates: results.aggregates,
        failures: results.failures,
        cache: results.cache,
      })),
      ...(single ? {} : { comparison: { markdown: join(parent, "comparison.md"), html: join(parent, "comparison.html") } }),
    },
    lines.join("\n"),
  );
  checkRuns(
    runs.map((run) => run.results),
    options.maxFailures,
  );
}

/** `--name NAME`: the one model's spec with `name=NAME`; several models are named each in its spec. */
function namedModel(models: readonly string[], name: string): string {
  const [only, ...more] = models;
  if (only === undefined || more.length) {
    throw new UsageError(
      `--name names one model, and this run has ${models.length}: name each in its spec instead, e.g. --model ${withModelName(models[0] ?? "boxes", name)}`,
    );
  }
  return withModelName(only, name);
}
