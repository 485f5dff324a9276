import { decodePng } from "../metrics/decode-png.js";
import { computeMetrics, type TreeStats } from "../metrics/index.js";
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
    }
  | { ok: false; error: string };

/** Runs in a worker thread: decoding and pixel comparison stay off the thread that drives the browser. */
export default async function score(task: ScoreTask): Promise<ScoreOutcome> {
  try {
    const started = performance.now();
    const [predImage, refImage] = await Promise.all([decodePng(Buffer.from(task.predPng)), decodePng(Buffer.from(task.refPng))]);
    const pred = scorePage(task.predHtml, predImage, task.predBlocks);
    const ref = scorePage(task.refHtml, refImage, task.refBlocks);
    const decodeMs = performance.now() - started;
    const scored = await computeMetrics(pred, ref);
    return {
      ok: true,
      values: scored.values,
      errors: scored.errors,
      metricsMs: scored.ms,
      decodeMs,
      stats: { pred: treeStats(pred.tree), ref: treeStats(ref.tree) },
    };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}
