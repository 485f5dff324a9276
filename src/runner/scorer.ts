import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { MetricOptions } from "../metrics/index.js";
import type { ScoreOutcome, ScoreTask } from "./score-worker.js";

/** Under tsx (development, tests) the worker is the .ts source; built, it is the .js beside this file. */
const WORKER = new URL(`./score-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url).href;

/** A pool of worker threads that decode renders and compute every metric. */
export class Scorer {
  private readonly pool: Piscina<ScoreTask, ScoreOutcome>;

  /** `metrics`: what each worker loads beside the built-in metrics (a CLIP encoder). */
  constructor(metrics: MetricOptions = {}, threads = Math.max(1, availableParallelism() - 1)) {
    this.pool = new Piscina({ filename: WORKER, minThreads: 1, maxThreads: threads, workerData: metrics });
  }

  score(task: ScoreTask): Promise<ScoreOutcome> {
    return this.pool.run(task);
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
