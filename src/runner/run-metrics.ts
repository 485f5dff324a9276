import { WCGB_METRICS } from "../judge/index.js";
import { HTML_ONLY_METRIC_IDS, loadMetrics, metricsMetadata, QA_METRICS, type MetricOptions } from "../metrics/index.js";
import { weightsSha256 } from "../model/index.js";
import type { MetricInfo } from "../results/index.js";
import { INTERACTION_METRICS } from "../metrics/interaction-metrics.js";
import { BadInputError } from "../shared/index.js";
import { viewportMetricId } from "../shared/viewports.js";

/** The reason a run without `--judge` gives for the `wcgb_*` metrics. */
const WCGB_NEEDS = "needs --judge, a vision model that scores the render against the reference with the rubric";

/** The metrics of one run: what every sample record holds, what the score workers load, and what was left out. */
export interface RunMetrics {
  /** results.json's `metrics`, in the order the records hold them: the computed ones, then the judge's. */
  infos: Record<string, MetricInfo>;
  /** Metrics of the contract the run does not compute, with the reason. */
  absent: Record<string, string>;
  /** What each score worker loads (`--clip-model`). */
  options: MetricOptions;
  /** What a continued run must share: every metric's version, and the CLIP encoder's hash. */
  identity: Record<string, unknown>;
  /** Where the CLIP encoder runs, for the environment record. */
  clip?: Record<string, unknown>;
}

/** What decides a run's metrics, apart from its task's output. */
export interface MetricChoices {
  clipModel?: string;
  judged: boolean;
  cacheRoot: string;
}

/** The metrics of a task whose output is an answer: scored as text; the page metrics do not apply. */
export function answerMetrics(): RunMetrics {
  const infos: Record<string, MetricInfo> = metricsMetadata(QA_METRICS);
  return { infos, absent: {}, options: {}, identity: { versions: versions(infos) } };
}

/** The metrics of the interaction task: each interaction's scores, a page's being their means; the page metrics and the judge do not apply yet. */
export function interactionMetrics(options: MetricChoices): Promise<RunMetrics> {
  const flag = options.clipModel !== undefined ? "--clip-model" : options.judged ? "--judge" : undefined;
  if (flag) return Promise.reject(new BadInputError(`${flag} scores still pages: --task interaction does not use it`));
  const infos: Record<string, MetricInfo> = metricsMetadata(INTERACTION_METRICS);
  return Promise.resolve({ infos, absent: {}, options: {}, identity: { versions: versions(infos) } });
}

/**
 * The metrics of a task whose output is a page, checked before any work: a `--clip-model` that is
 * not a CLIP image encoder is bad input here (the encoder is loaded once to see, and released:
 * each score worker loads its own).
 */
export async function pageMetrics(options: MetricChoices): Promise<RunMetrics> {
  const metricOptions: MetricOptions = options.clipModel === undefined ? {} : { clipModel: options.clipModel };
  const set = await loadMetrics(metricOptions);
  await set.close();
  const infos: Record<string, MetricInfo> = metricsMetadata(set.metrics);
  const absent = { ...set.absent };
  let clip: RunMetrics["clip"];
  if (set.clip && options.clipModel !== undefined) {
    const sha256 = await weightsSha256(options.clipModel, options.cacheRoot);
    // The encoder fixes d2c_clip's scores as much as its version does.
    infos.d2c_clip = { ...infos.d2c_clip!, encoder: { sha256, dimensions: set.clip.dimensions } };
    clip = { ...set.clip, sha256 };
  }
  if (options.judged) for (const { id, ...info } of WCGB_METRICS) infos[id] = info;
  else for (const { id } of WCGB_METRICS) absent[id] = WCGB_NEEDS;
  const identity = { versions: versions(infos), ...(clip ? { clip: clip.sha256 } : {}) };
  return { infos, absent, options: metricOptions, identity, ...(clip ? { clip } : {}) };
}

/**
 * The run's metrics with, for each viewport of `--viewports` after the first, each metric that reads
 * the render again at that viewport (`<metric id>@<viewport>`, src/shared/viewports.ts), listed after
 * the run's own. A metric of the HTML alone scores the same at every viewport; the judge scores the
 * run's own viewport only, as what the model was shown is the dataset's screenshot.
 */
export function atViewports(metrics: RunMetrics, extra: readonly string[]): RunMetrics {
  if (extra.length === 0) return metrics;
  const once = new Set<string>([...HTML_ONLY_METRIC_IDS, ...WCGB_METRICS.map((metric) => metric.id)]);
  const own = Object.entries(metrics.infos).filter(([id]) => !once.has(id));
  const infos: Record<string, MetricInfo> = { ...metrics.infos };
  for (const viewport of extra) for (const [id, info] of own) infos[viewportMetricId(id, viewport)] = { ...info, viewport };
  return { ...metrics, infos, identity: { ...metrics.identity, versions: versions(infos) } };
}

function versions(infos: Record<string, MetricInfo>): Record<string, number> {
  return Object.fromEntries(Object.entries(infos).map(([id, info]) => [id, info.version]));
}
