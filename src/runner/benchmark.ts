import { join, resolve } from "node:path";
import { loadDataset, requireTask, type Dataset, type LoadOptions } from "../datasets/index.js";
import {
  createBackend,
  EXTRACTION_VERSION,
  parseModelSpec,
  withModelName,
  type Backend,
  type RetryNotice,
  type Task,
} from "../model/index.js";
import { openLibraryStore, Renderer } from "../render/index.js";
import {
  buildResults,
  failureText,
  RUN_FILES,
  summaryMarkdown,
  writeResults,
  type LoadedRun,
  type Results,
  type SampleRecord,
} from "../results/index.js";
import { BadInputError, TOOL, writeFileAtomic } from "../shared/index.js";
import { cacheDir } from "./cache-dir.js";
import { environment } from "./environment.js";
import { checkOutputDir } from "./run-dir.js";
import { describeJudge, judgeSummary, planJudge, type JudgeFlags } from "./run-judge.js";
import { prepareMetrics } from "./run-metrics.js";
import { runModel, type ResumePlan } from "./run-model.js";
import { screenshotWidthWarning } from "./screenshot-width.js";
import { selectSamples, type Shard } from "./select.js";

export interface BenchmarkOptions {
  /** A built-in dataset id or a dataset's path. */
  dataset: string;
  /** How to read it, where its form leaves a choice (`--columns`, `--images`). */
  datasetOptions?: LoadOptions;
  /** Model specs: one run each. */
  models: readonly string[];
  task: Task;
  /**
   * One model: its run folder (default `reports/<model id>`). Several: the folder holding a run
   * folder per model, named by the model's id (default `reports/`).
   */
  out?: string;
  /** Only the first N samples. */
  limit?: number;
  /** Only this slice of them (`--shard i/N`). */
  shard?: Shard;
  /** `--width`: render every page, references and predictions, at this viewport width instead of the dataset's. */
  width?: number;
  /** Concurrent generations per model (fewer when the model serves fewer). */
  concurrency: number;
  /** Browser workers and the hard deadline of one page's render. */
  render: { concurrency: number; timeoutMs: number };
  generationTimeoutMs: number;
  /** Read and write the generation and render caches. */
  cache: boolean;
  /** Start over even where a run folder holds an unfinished run of the same settings. */
  fresh?: boolean;
  /** Serve CDN libraries from the store in the user cache (default); false (`--no-libraries`): dataset files only. */
  libraries?: boolean;
  /** `--clip-model`: an ONNX CLIP image encoder, adding d2c_clip and d2c_final. */
  clipModel?: string;
  /** `--judge` and its flags: a vision model that scores every scored sample with the rubric (the wcgb_* metrics). */
  judge?: JudgeFlags;
  /** Continuing a run: do every failed sample again, not only those whose failure may pass. */
  retryFailed?: boolean;
  /** The user cache folder (default: {@link cacheDir}). */
  cacheRoot?: string;
  /** Stops the run: finished samples are kept, and {@link RunInterrupted} is thrown. */
  signal?: AbortSignal;
}

export interface BenchmarkEvents {
  /** Something the user should know (a model starting, a run continued, fewer slots than asked). */
  log?(message: string): void;
  /** A model's run is about to do its samples. */
  modelStart?(model: string, total: number): void;
  /** A sample is on disk. */
  sample?(model: string, record: SampleRecord, done: number, total: number): void;
  /** A sample's model request failed and is tried again after a wait. */
  retry?(model: string, sampleId: string, notice: RetryNotice): void;
  /** A model's run is finished and written. */
  modelEnd?(model: string): void;
}

export interface BenchmarkOutcome {
  dataset: Dataset;
  /** Every model's finished run, in the order the models were given. */
  runs: LoadedRun[];
  /** The folder that holds them (for one model, its run folder's parent). */
  parent: string;
}

/** A run stopped by its signal: what finished is in its samples.jsonl, and it has no results.json. */
export class RunInterrupted extends Error {}

/**
 * Runs every model on the dataset: generates, renders and scores each sample, and writes one run
 * folder per model with results.json and summary.md. All input (dataset, specs, output folders) is
 * checked before anything is written or started. The renderer withholds every sample's reference
 * page and screenshot from the pages it renders.
 */
export async function runBenchmark(options: BenchmarkOptions, events: BenchmarkEvents = {}): Promise<BenchmarkOutcome> {
  const log = events.log ?? (() => undefined);
  // One line per cause, however often a cause comes up in the run.
  const warned = new Set<string>();
  const warn = (warning: string) => {
    if (!warned.has(warning)) log(`warning: ${warning}`);
    warned.add(warning);
  };
  const cacheRoot = options.cacheRoot ?? cacheDir();
  const dataset = await loadDataset(options.dataset, options.datasetOptions);
  for (const warning of dataset.warnings) warn(warning);
  requireTask(dataset, options.task);
  const backends: Backend[] = [];
  for (const spec of options.models) backends.push(await createBackend(spec, { task: options.task, cacheRoot }));
  const ids = backends.map((backend) => backend.id);
  refuseSharedIds(options.models, ids);
  const sampleIds = dataset.samples.map((sample) => sample.id);
  for (const backend of backends) {
    const warning = backend.preflight?.(sampleIds);
    if (warning) warn(`${backend.id}: ${warning}`);
  }
  if (options.task === "qa" && (options.clipModel !== undefined || options.judge !== undefined)) {
    throw new BadInputError(
      `${options.clipModel !== undefined ? "--clip-model" : "--judge"} scores rendered pages: --task qa renders none`,
    );
  }
  if (options.task === "qa" && options.width !== undefined)
    throw new BadInputError("--width sets the width pages render at: --task qa renders none");
  const metrics = await prepareMetrics({
    task: options.task,
    clipModel: options.clipModel,
    judged: options.judge !== undefined,
    cacheRoot,
  });
  const judge = options.judge && (await planJudge(options.judge, cacheRoot, options.cache));
  const single = backends.length === 1;
  const parent = resolve(options.out ?? "reports");
  const dirs = single && options.out ? [parent] : ids.map((id) => join(parent, id));
  for (const dir of [parent, ...dirs]) checkOutputDir(dir);

  // The viewport is part of the renderer's fingerprint: a continued run, a shard and a cached render share it.
  const viewport = options.width === undefined ? dataset.viewport : { ...dataset.viewport, width: options.width };
  if (options.task === "image2html") {
    const warning = await screenshotWidthWarning(dataset.samples, viewport.width);
    if (warning) warn(warning);
  }
  const renderSettings = { viewport, concurrency: options.render.concurrency, timeoutMs: options.render.timeoutMs };
  // The store may be empty (no `setup libraries`): the run's environment records what it had.
  const libraries = options.libraries === false ? null : openLibraryStore(cacheRoot);
  // A prediction may load the dataset's assets, never a sample's page or screenshot: that would copy the answer.
  // Questions (task qa) are answered in text: no browser is needed.
  const renderer =
    options.task === "qa"
      ? null
      : await Renderer.launch({ ...renderSettings, assetRoot: dataset.assetRoot, withheldFiles: dataset.withheldFiles, libraries });
  if (renderer?.sandboxWarning) warn(renderer.sandboxWarning);
  const signal = options.signal ?? new AbortController().signal;
  const runs: LoadedRun[] = [];
  try {
    for (const [i, backend] of backends.entries()) runs.push(await runOne(backend, dirs[i]!));
  } finally {
    await Promise.all([renderer?.close(), ...backends.map((backend) => backend.close?.())]);
  }
  return { dataset, runs, parent };

  async function runOne(backend: Backend, dir: string): Promise<LoadedRun> {
    if (backend.open) log(`${backend.id}: starting the model`);
    const total = selectSamples(dataset.samples, options).length;
    events.modelStart?.(backend.id, total);
    const outcome = await runModel({
      dataset,
      task: options.task,
      backend,
      renderer,
      outDir: dir,
      limit: options.limit,
      shard: options.shard,
      fresh: options.fresh,
      retryFailed: options.retryFailed,
      identity: { tool: TOOL.version, extraction: EXTRACTION_VERSION },
      concurrency: options.concurrency,
      useCache: options.cache,
      cacheRoot,
      generationTimeoutMs: options.generationTimeoutMs,
      metrics,
      ...(judge ? { judge } : {}),
      signal,
      onResume: (plan) => log(`${backend.id}: continuing ${dir}: ${resumeText(plan)}`),
      onOpen: (concurrency) => {
        if (concurrency < options.concurrency) log(`${backend.id}: ${concurrency} concurrent generations (the model serves no more)`);
      },
      onSample: (record, done) => events.sample?.(backend.id, record, done, total),
      onRetry: (sampleId, notice) => events.retry?.(backend.id, sampleId, notice),
    }).finally(() => events.modelEnd?.(backend.id));
    if (signal.aborted) throw new RunInterrupted(`interrupted: the finished samples are in ${join(dir, RUN_FILES.samples)}`);
    const results = buildResults({
      tool: TOOL,
      createdAt: outcome.startedAt,
      task: options.task,
      model: outcome.model,
      dataset: {
        id: dataset.id,
        version: dataset.version,
        // Where the screenshots are (and how it was read): reports show them beside the renders.
        root: dataset.root,
        ...(Object.keys(dataset.options).length ? { options: dataset.options } : {}),
        fingerprint: dataset.fingerprint,
        format: dataset.format,
        viewport: dataset.viewport,
        instruction: dataset.instruction,
      },
      records: outcome.records,
      metrics: metrics.infos,
      absentMetrics: metrics.absent,
      ...(outcome.judge ? { judge: judgeSummary(describeJudge(outcome.judge), outcome.records) } : {}),
      ...(options.limit === undefined && options.shard === undefined ? {} : { selection: { limit: options.limit, shard: options.shard } }),
      environment: { ...environment(renderer, renderSettings), ...(metrics.clip ? { clip: metrics.clip } : {}) },
      totalMs: outcome.totalMs,
      resumed: outcome.resumed,
    });
    writeFileAtomic(join(dir, RUN_FILES.summary), summaryMarkdown(results, outcome.records));
    writeResults(join(dir, RUN_FILES.results), results);
    log(`${backend.id}: ${results.dataset.samples.scored}/${results.dataset.samples.total} scored${cacheText(results)} -> ${dir}`);
    return { dir, results, records: outcome.records };
  }
}

/**
 * Two models of one run named alike would write one folder and be one model to every report:
 * refused, naming the specs and the `name=` parameter that tells them apart. Folder names that
 * differ only in case are alike too, as a case-insensitive file system sees them.
 */
function refuseSharedIds(specs: readonly string[], ids: readonly string[]): void {
  const folded = ids.map((id) => id.toLowerCase());
  const second = folded.findIndex((id, i) => folded.indexOf(id) !== i);
  if (second < 0) return;
  const [first, spec] = [folded.indexOf(folded[second]!), specs[second]!];
  const example = parseModelSpec(spec).name === undefined ? `, e.g. --model ${withModelName(spec, `${ids[second]!.slice(0, 62)}-2`)}` : "";
  throw new BadInputError(
    `--model ${specs[first]} and --model ${spec} are both model "${ids[second]}": give each a name of its own with ?name=NAME${example}`,
  );
}

/** `20 samples: 15 kept, 3 retried (generation_error 3), 2 new`, and the failures kept. */
function resumeText(plan: ResumePlan): string {
  const retried = Object.values(plan.retried).reduce((sum, n) => sum + n, 0);
  const keptFailures = Object.keys(plan.keptFailures).length
    ? `; failures kept: ${failureText(plan.keptFailures)} (--retry-failed does them again)`
    : "";
  return (
    `${plan.total} samples: ${plan.kept} kept, ${retried} retried${retried ? ` (${failureText(plan.retried)})` : ""}, ${plan.fresh} new` +
    keptFailures
  );
}

/** `, 3 replies and 3 renders from the cache`: results that were not asked of the model or the browser this time. */
function cacheText(results: Results): string {
  const { replies = 0, renders = 0 } = results.cache ?? {};
  return replies || renders
    ? `, ${replies} ${replies === 1 ? "reply" : "replies"} and ${renders} render${renders === 1 ? "" : "s"} from the cache`
    : "";
}
