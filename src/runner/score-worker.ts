import { workerData } from "node:worker_threads";
import { loadMetrics, type MetricOptions, type MetricSet } from "../metrics/index.js";
import { scorePair, type PairScores } from "../metrics/score-pair.js";
import { scorePage } from "../metrics/scored-page.js";
import { errorMessage, type TextBlock } from "../shared/index.js";

export interface ScoreTask {
  predHtml: string;
  predPng: Uint8Array;
  refHtml: string;
  refPng: Uint8Array;
  /** The renders' text blocks (page facts), for the d2c_* metrics. */
  predBlocks: TextBlock[] | null;
  refBlocks: TextBlock[] | null;
}

export type ScoreOutcome = ({ ok: true } & PairScores) | { ok: false; error: string };

/** The run's metrics, loaded once per worker thread (a CLIP encoder session of its own). */
let metrics: Promise<MetricSet> | undefined;

/** Runs in a worker thread: decoding and pixel comparison stay off the thread that drives the browser. */
export default async function score(task: ScoreTask): Promise<ScoreOutcome> {
  try {
    metrics ??= loadMetrics((workerData ?? {}) as MetricOptions);
    const pred = scorePage(task.predHtml, task.predPng, task.predBlocks);
    const ref = scorePage(task.refHtml, task.refPng, task.refBlocks);
    return { ok: true, ...(await scorePair((await metrics).metrics, pred, ref)) };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}
