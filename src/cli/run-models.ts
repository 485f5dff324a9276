import { join } from "node:path";
import { terminalTable, writeReport } from "../report/index.js";
import { runBenchmark, RunInterrupted, type RunPlanInput } from "../runner/index.js";
import { writeFileAtomic } from "../shared/index.js";
import { Interrupted } from "./errors.js";
import type { Output } from "./output.js";
import { createProgress, type Progress } from "./progress.js";
import { checkRuns } from "./run-verdict.js";
import { datasetScreenshots } from "./screenshots.js";

/**
 * `run` and `score`: the benchmark with progress on the terminal, Ctrl-C and SIGTERM stopping it
 * in order (servers and the browser closed, finished samples kept, exit 130 or 143), for several
 * models a comparison beside their runs, and at the end the scores with the exit code a CI job
 * acts on (1 when a run scored nothing, 100 past `--max-failures`).
 */
export async function runModels(input: RunPlanInput, output: Output): Promise<void> {
  const abort = new AbortController();
  let stoppedBy: "SIGINT" | "SIGTERM" = "SIGINT";
  const onSignal = (signal: "SIGINT" | "SIGTERM") => {
    stoppedBy = signal;
    abort.abort();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const progress = new Map<string, Progress>();
  const outcome = await runBenchmark(
    { ...input, signal: abort.signal },
    {
      log: (message) => output.log(message),
      modelStart: (model, total) => progress.set(model, createProgress(output, model, total)),
      sample: (model, record, done, total) => progress.get(model)?.sample(record, done, total),
      retry: (model, sampleId, notice) => progress.get(model)?.retry(sampleId, notice),
      modelEnd: (model) => progress.get(model)?.stop(),
    },
  )
    .catch((error: unknown) => {
      // Whatever a stop cut short (a run, a server starting), the command ends as a stopped one.
      if (abort.signal.aborted) throw new Interrupted(error instanceof RunInterrupted ? error.message : "interrupted", stoppedBy);
      throw error;
    })
    .finally(() => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    });

  const { plan, runs, parent, dataset } = outcome;
  const single = runs.length === 1;
  const lines = [
    terminalTable(runs.map((run) => run.results)),
    "",
    "Means over all samples (a failed one counts 0); every metric with its 95% interval in each run's summary.md.",
    "",
    ...runs.map(({ dir }) => `run: ${dir}`),
  ];
  if (!single) {
    const screenshots = datasetScreenshots(dataset);
    const written = await writeReport(runs, {
      outDir: parent,
      name: "comparison",
      title: "Model comparison",
      screenshot: screenshots.lookup,
      referenceStates: screenshots.states,
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
    plan.maxFailures,
  );
}
