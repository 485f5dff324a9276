import { mkdirSync } from "node:fs";
import { join } from "node:path";
import pLimit from "p-limit";
import type { Judge } from "../judge/index.js";
import type { Dataset } from "../datasets/index.js";
import { describedRecord, type Backend, type RetryNotice } from "../model/index.js";
import type { Renderer } from "../render/index.js";
import { countFailures, modelIdentity, type ModelRecord, type RunIdentity, type SampleRecord } from "../results/index.js";
import { GenerationCache } from "./generation-cache.js";
import { RenderCache } from "./render-cache.js";
import { RETRIED_ON_RESUME, RunDirectory } from "./run-dir.js";
import { judgeCalls, type JudgePlan } from "./run-judge.js";
import type { RunMetrics } from "./run-metrics.js";
import { TASK_DESCRIPTORS } from "../shared/tasks.js";
import type { NamedViewport } from "../shared/viewports.js";
import { OUTPUT_RUNS } from "./output-runs.js";
import type { SampleContext } from "./run-sample.js";
import { Scorer } from "./scorer.js";
import { selectSamples } from "./select.js";
import type { RunPlan } from "./plan.js";

/** What one model's run reads of the plan, and what the benchmark made for it. */
export interface RunOptions {
  plan: Pick<
    RunPlan,
    | "task"
    | "interactionPrompt"
    | "limit"
    | "shard"
    | "concurrency"
    | "cache"
    | "cacheRoot"
    | "generationTimeout"
    | "fresh"
    | "retryFailed"
    | "signal"
  >;
  dataset: Dataset;
  backend: Backend;
  /** The browser that renders pages; none for a task whose output is not rendered. */
  renderer: Renderer | null;
  outDir: string;
  /** The metrics every sample gets. */
  metrics: RunMetrics;
  /** The judge (`--judge`), made for this run once it is known what an earlier session spent. */
  judge?: JudgePlan;
  /** `--viewports` after the first: each page rendered and scored again at each. */
  extraViewports?: readonly NamedViewport[];
  /** Beside dataset, model, task, selection and renderer: more of what a continued run must share (the tool's version). */
  identity?: RunIdentity;
  /** Called before any work when the folder held samples an earlier session finished: what is kept and what is done again. */
  onResume?: (plan: ResumePlan) => void;
  /** Called once the backend is open, with the generation concurrency in force. */
  onOpen?: (concurrency: number) => void;
  /** Called after each sample is on disk. */
  onSample?: (record: SampleRecord, done: number, total: number) => void;
  /** Called when a sample's model request is tried again, before the wait. */
  onRetry?: (sampleId: string, notice: RetryNotice) => void;
}

/** What a continued run does with the samples of the run it continues. */
export interface ResumePlan {
  /** The samples of the run. */
  total: number;
  /** Finished samples kept as they are. */
  kept: number;
  /** Of those, the failed ones, by status: `--retry-failed` would do them again. */
  keptFailures: Record<string, number>;
  /** Failed samples done again, by their earlier status. */
  retried: Record<string, number>;
  /** Samples no earlier session finished. */
  fresh: number;
}

export interface RunOutcome {
  dir: string;
  model: ModelRecord;
  records: SampleRecord[];
  /** When the run began (a continued run: its first start). */
  startedAt: Date;
  /** This session's wall time. */
  totalMs: number;
  /** Samples finished by an earlier session and kept. */
  resumed: number;
  /** The judge's description, when the run was judged. */
  judge?: Judge;
}

/**
 * Generates, renders and scores every sample of a dataset with one model, into one run folder.
 * A folder holding a run of the same identity is continued: its finished samples are kept, but
 * for failures that may pass ({@link RETRIED_ON_RESUME}, or every failure with `retryFailed`),
 * which are done again with the samples not yet done (`fresh` starts over). A sample's record
 * counts the sessions that ran it (`attempts`).
 */
export async function runModel(options: RunOptions): Promise<RunOutcome> {
  const { plan } = options;
  const started = performance.now();
  const samples = selectSamples(options.dataset.samples, plan);
  const identity: RunIdentity = {
    ...options.identity,
    task: plan.task,
    dataset: options.dataset.fingerprint,
    selection: { limit: plan.limit ?? null, shard: plan.shard ?? null },
    // What fixes the model's output, as known before it starts; where it runs may change between sessions.
    model: modelIdentity(describedRecord(options.backend.describe())),
    renderer: options.renderer?.fingerprint ?? null,
    metrics: options.metrics.identity,
    ...(options.judge ? { judge: options.judge.identity } : {}),
  };
  const {
    dir: runDir,
    finished,
    startedAt,
  } = plan.fresh
    ? { dir: RunDirectory.create(options.outDir, identity), finished: [], startedAt: new Date() }
    : RunDirectory.resume(options.outDir, identity);
  const earlier = new Map(finished.map((record) => [record.id, record]));
  const again = (record: SampleRecord) => record.status !== "ok" && (plan.retryFailed || RETRIED_ON_RESUME.has(record.status));
  const kept = finished.filter((record) => !again(record));
  const done = new Set(kept.map((record) => record.id));
  const todo = samples.filter((sample) => !done.has(sample.id));
  if (finished.length) {
    options.onResume?.({
      total: samples.length,
      kept: kept.length,
      keptFailures: countFailures(kept),
      retried: countFailures(finished.filter(again)),
      fresh: todo.length - (finished.length - kept.length),
    });
  }
  const { signal } = plan;
  let opened: { maxConcurrency?: number } | undefined;
  const judge = await options.judge?.create(judgeCalls(finished));
  try {
    // Nothing left to do needs no model (no server started for a finished run).
    if (todo.length) {
      opened = await options.backend.open?.({ concurrency: plan.concurrency, logDir: runDir.logDir, signal });
      if (judge) {
        const logDir = join(runDir.logDir, "judge");
        mkdirSync(logDir, { recursive: true });
        await judge.open({ logDir, signal });
      }
    }
  } catch (error) {
    // A model that cannot start (a bad file, no server binary) leaves no half-made run behind.
    await Promise.all([options.backend.close?.(), judge?.close()]);
    if (done.size === 0) runDir.discard();
    throw error;
  }
  const concurrency = Math.min(plan.concurrency, opened?.maxConcurrency ?? Infinity);
  options.onOpen?.(concurrency);
  const limitGeneration = pLimit(concurrency);
  // Enough samples in flight to keep both generation and rendering busy, and no more (bounded memory).
  const limitSamples = pLimit(concurrency + 2);
  const context: SampleContext = {
    dataset: options.dataset,
    task: plan.task,
    backend: options.backend,
    ...(options.renderer ? { renders: new RenderCache(options.renderer, plan.cacheRoot, options.dataset.fingerprint, plan.cache) } : {}),
    generations: new GenerationCache(plan.cacheRoot, plan.cache),
    scorer: new Scorer(options.metrics.options),
    metricIds: Object.keys(options.metrics.infos),
    ...(judge ? { judge } : {}),
    runDir,
    generationTimeout: plan.generationTimeout,
    interactionPrompt: plan.interactionPrompt,
    extraViewports: options.extraViewports ?? [],
    limitGeneration: <T>(work: () => Promise<T>) => limitGeneration(work),
    signal,
    onRetry: options.onRetry,
  };
  const runSample = OUTPUT_RUNS[TASK_DESCRIPTORS[plan.task].output.kind].sample;
  let count = done.size;
  try {
    await Promise.all(
      todo.map((sample) =>
        limitSamples(async () => {
          if (context.signal.aborted) return;
          const before = earlier.get(sample.id);
          const record = {
            ...(await runSample(context, sample)),
            attempts: before ? (before.attempts ?? 1) + 1 : 1,
          };
          // A sample cut short by the stop is not finished: a resumed run does it again.
          if (context.signal.aborted) return;
          // Appended after the sample's earlier line, which counts until this one is written.
          runDir.appendSample(record);
          options.onSample?.(record, ++count, samples.length);
        }),
      ),
    );
  } finally {
    await Promise.all([context.scorer.close(), options.backend.close?.(), judge?.close()]);
  }
  const records = runDir.orderSamples(samples.map((s) => s.id));
  return {
    dir: runDir.path,
    model: describedRecord(options.backend.describe()),
    records,
    startedAt,
    totalMs: performance.now() - started,
    resumed: done.size,
    ...(judge ? { judge } : {}),
  };
}
