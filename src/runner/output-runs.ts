import type { Sample } from "../datasets/index.js";
import type { SampleRecord } from "../results/index.js";
import type { TaskOutput } from "../shared/tasks.js";
import { closeOcr } from "../metrics/interaction-metrics.js";
import { runInteractionSample } from "./run-interaction-sample.js";
import { answerMetrics, interactionMetrics, pageMetrics, type MetricChoices, type RunMetrics } from "./run-metrics.js";
import { runQaSample } from "./run-qa-sample.js";
import { runSample, type SampleContext } from "./run-sample.js";

/** How the runner does a task, by what its model returns (the task's descriptor, src/shared/tasks.ts). */
export interface OutputRun {
  /** The run's metrics, checked before any work. */
  metrics(choices: MetricChoices): Promise<RunMetrics>;
  /** One sample, from the request to its record. */
  sample(ctx: SampleContext, sample: Sample): Promise<SampleRecord>;
  /** Releases what the task's scoring held open over the run (the OCR worker). */
  close?(): Promise<void>;
}

export const OUTPUT_RUNS: Readonly<Record<TaskOutput["kind"], OutputRun>> = Object.freeze({
  page: { metrics: pageMetrics, sample: runSample },
  interactions: { metrics: interactionMetrics, sample: runInteractionSample, close: closeOcr },
  answer: { metrics: () => Promise.resolve(answerMetrics()), sample: runQaSample },
});
