import pLimit from "p-limit";
import type { Dataset } from "../datasets/index.js";
import type { ModelBackend, ModelDescription, Task } from "../model/index.js";
import type { Renderer } from "../render/index.js";
import type { SampleRecord } from "./records.js";
import { ReferenceRenders } from "./reference-renders.js";
import { RunDirectory } from "./run-dir.js";
import { runSample } from "./run-sample.js";
import { Scorer } from "./scorer.js";
import { selectSamples, type Shard } from "./select.js";

export interface RunOptions {
  dataset: Dataset;
  task: Task;
  backend: ModelBackend;
  renderer: Renderer;
  outDir: string;
  /** Only the first N samples. */
  limit?: number;
  /** Only this slice of them (`--shard i/N`). */
  shard?: Shard;
  /** Concurrent generations (fewer when the backend serves fewer). Rendering is limited by the renderer's own workers. */
  concurrency: number;
  useCache: boolean;
  cacheRoot: string;
  generationTimeoutMs: number;
  signal?: AbortSignal;
  /** Called once the backend is open, with the generation concurrency in force. */
  onOpen?: (concurrency: number) => void;
  /** Called after each sample is on disk. */
  onSample?: (record: SampleRecord, done: number, total: number) => void;
}

export interface RunOutcome {
  dir: string;
  model: ModelDescription;
  records: SampleRecord[];
  startedAt: Date;
  totalMs: number;
}

/** Generates, renders and scores every sample of a dataset with one model, into one run folder. */
export async function runModel(options: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date();
  const started = performance.now();
  const samples = selectSamples(options.dataset.samples, options);
  const runDir = RunDirectory.create(options.outDir);
  const signal = options.signal ?? new AbortController().signal;
  let opened: { maxConcurrency?: number } | undefined;
  try {
    opened = await options.backend.open?.({ concurrency: options.concurrency, logDir: runDir.path, signal });
  } catch (error) {
    // A model that cannot start (a bad file, no server binary) leaves no half-made run behind.
    await options.backend.close?.();
    runDir.discard();
    throw error;
  }
  const concurrency = Math.min(options.concurrency, opened?.maxConcurrency ?? Infinity);
  options.onOpen?.(concurrency);
  const limitGeneration = pLimit(concurrency);
  // Enough samples in flight to keep both generation and rendering busy, and no more (bounded memory).
  const limitSamples = pLimit(concurrency + 2);
  const context = {
    dataset: options.dataset,
    task: options.task,
    backend: options.backend,
    renderer: options.renderer,
    references: new ReferenceRenders(options.renderer, options.cacheRoot, options.dataset.fingerprint, options.useCache),
    scorer: new Scorer(),
    runDir,
    generationTimeoutMs: options.generationTimeoutMs,
    limitGeneration: <T>(work: () => Promise<T>) => limitGeneration(work),
    signal,
  };
  let done = 0;
  try {
    await Promise.all(
      samples.map((sample) =>
        limitSamples(async () => {
          if (context.signal.aborted) return;
          const record = await runSample(context, sample);
          runDir.appendSample(record);
          options.onSample?.(record, ++done, samples.length);
        }),
      ),
    );
  } finally {
    await Promise.all([context.scorer.close(), options.backend.close?.()]);
  }
  const records = runDir.orderSamples(samples.map((s) => s.id));
  return { dir: runDir.path, model: options.backend.describe(), records, startedAt, totalMs: performance.now() - started };
}
