import { blockMap, type D2cBlockMap } from "../metrics/d2c/block-map.js";
import { d2cPairScores } from "../metrics/d2c/pair.js";
import { decodePng } from "../shared/png.js";
import { workerData } from "node:worker_threads";
import { computeWith, loadMetrics, type MetricOptions, type MetricSet, type TreeStats } from "../metrics/index.js";
import { treeStats } from "../metrics/page-tree.js";
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

export type ScoreOutcome =
  | {
      ok: true;
      values: Record<string, number | null>;
      errors: Record<string, string>;
      metricsMs: Record<string, number>;
      decodeMs: number;
      stats: { pred: TreeStats; ref: TreeStats };
      /** The matching behind the d2c_* scores, when they were scored. */
      d2c?: D2cBlockMap;
    }
  | { ok: false; error: string };

/** The run's metrics, loaded once per worker thread (a CLIP encoder session of its own). */
let metrics: Promise<MetricSet> | undefined;

/** Runs in a worker thread: decoding and pixel comparison stay off the thread that drives the browser. */
export default async function score(task: ScoreTask): Promise<ScoreOutcome> {
  try {
    const started = performance.now();
    const [predImage, refImage] = await Promise.all([decodePng(Buffer.from(task.predPng)), decodePng(Buffer.from(task.refPng))]);
    const pred = scorePage(task.predHtml, predImage, task.predBlocks);
    const ref = scorePage(task.refHtml, refImage, task.refBlocks);
    const decodeMs = performance.now() - started;
    metrics ??= loadMetrics((workerData ?? {}) as MetricOptions);
    const scored = await computeWith((await metrics).metrics, pred, ref);
    // The d2c_* metrics computed the matching once; its picture costs nothing more.
    const d2c = scored.values.d2c_text === null || scored.values.d2c_text === undefined ? undefined : blockMap(d2cPairScores(pred, ref));
    return {
      ok: true,
      values: scored.values,
      errors: scored.errors,
      metricsMs: scored.ms,
      decodeMs,
      stats: { pred: treeStats(pred.tree), ref: treeStats(ref.tree) },
      ...(d2c ? { d2c } : {}),
    };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}
