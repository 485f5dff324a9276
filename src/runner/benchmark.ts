import { join, resolve } from "node:path";
import { loadDataset, requireTask, type Dataset } from "../datasets/index.js";
import { createBackend, EXTRACTION_VERSION, parseModelSpec, withModelName, type Backend, type RetryNotice } from "../model/index.js";
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
import { TASK_DESCRIPTORS } from "../shared/tasks.js";
import { namedViewport } from "../shared/viewports.js";
import { environment } from "./environment.js";
import { checkOutputDir } from "./run-dir.js";
import { describeJudge, judgeSummary, planJudge } from "./run-judge.js";
import { modelSpecs, parsePlan, type RunPlan, type RunPlanInput } from "./plan.js";
import { OUTPUT_RUNS } from "./output-runs.js";
import { runModel, type ResumePlan } from "./run-model.js";
import { atViewports } from "./run-metrics.js";
import { screenshotWidthWarning } from "./screenshot-width.js";
import { selectSamples } from "./select.js";

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
  /** The run's settings as parsed, every default applied. */
  plan: RunPlan;
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
export async function runBenchmark(input: RunPlanInput, events: BenchmarkEvents = {}): Promise<BenchmarkOutcome> {
  const plan = parsePlan(input);
  const log = events.log ?? (() => undefined);
  // One line per cause, however often a cause comes up in the run.
  const warned = new Set<string>();
  const warn = (warning: string) => {
    if (!warned.has(warning)) log(`warning: ${warning}`);
    warned.add(warning);
  };
  const { cacheRoot } = plan;
  const dataset = await loadDataset(plan.dataset, { columns: plan.columns, images: plan.images });
  for (const warning of dataset.warnings) warn(warning);
  requireTask(dataset, plan.task);
  if (TASK_DESCRIPTORS[plan.task].output.kind === "interactions" && plan.interactionPrompt === "mark") requireMarks(dataset);
  const backends: Backend[] = [];
  const specs = modelSpecs(plan);
  for (const spec of specs) backends.push(await createBackend(spec, { task: plan.task, cacheRoot }));
  const ids = backends.map((backend) => backend.id);
  refuseSharedIds(specs, ids);
  const sampleIds = dataset.samples.map((sample) => sample.id);
  for (const backend of backends) {
    const warning = backend.preflight?.(sampleIds);
    if (warning) warn(`${backend.id}: ${warning}`);
  }
  const task = TASK_DESCRIPTORS[plan.task];
  if (!task.output.rendered && (plan.clipModel !== undefined || plan.judge !== undefined)) {
    throw new BadInputError(
      `${plan.clipModel !== undefined ? "--clip-model" : "--judge"} scores rendered pages: --task ${task.id} renders none`,
    );
  }
  if (!task.output.rendered && plan.width !== undefined)
    throw new BadInputError(`--width sets the width pages render at: --task ${task.id} renders none`);
  if (!task.output.rendered && plan.viewports !== undefined)
    throw new BadInputError(`--viewports sets the sizes pages render at: --task ${task.id} renders none`);
  const [ownViewport, ...extraViewports] = plan.viewports?.map((name) => namedViewport(name)!) ?? [];
  if (task.output.kind === "interactions" && extraViewports.length) requireReferencePages(dataset);
  const metrics = atViewports(
    await OUTPUT_RUNS[task.output.kind].metrics({ clipModel: plan.clipModel, judged: plan.judge !== undefined, cacheRoot }),
    extraViewports.map((viewport) => viewport.name),
  );
  const judge = plan.judge === undefined ? undefined : await planJudge({ ...plan, judge: plan.judge });
  // What the model was shown of each interaction fixes its answers: recorded, and shared by a continued run.
  const interactionPrompt = task.output.kind === "interactions" ? { interactionPrompt: plan.interactionPrompt } : {};
  // Which viewports were scored, in order: recorded, and shared by a continued run.
  const viewportsRecord = plan.viewports ? { viewports: plan.viewports } : {};
  const single = backends.length === 1;
  const parent = resolve(plan.out ?? "reports");
  const dirs = single && plan.out ? [parent] : ids.map((id) => join(parent, id));
  for (const dir of [parent, ...dirs]) checkOutputDir(dir);

  // The viewport is part of the renderer's fingerprint: a continued run, a shard and a cached render share it.
  const viewport = ownViewport
    ? { width: ownViewport.width, height: ownViewport.height }
    : plan.width === undefined
      ? dataset.viewport
      : { ...dataset.viewport, width: plan.width };
  if (task.drawsFromScreenshot) {
    const warning = await screenshotWidthWarning(dataset.samples, viewport.width);
    if (warning) warn(warning);
  }
  const renderSettings = { viewport, concurrency: plan.renderConcurrency, timeoutMs: plan.renderTimeout };
  // The store may be empty (no `setup libraries`): the run's environment records what it had.
  const libraries = plan.libraries ? openLibraryStore(cacheRoot) : null;
  // A prediction may load the dataset's assets, never a sample's page or screenshot: that would copy the answer.
  // Questions (task qa) are answered in text: no browser is needed.
  const renderer = !task.output.rendered
    ? null
    : await Renderer.launch({ ...renderSettings, assetRoot: dataset.assetRoot, withheldFiles: dataset.withheldFiles, libraries });
  if (renderer?.sandboxWarning) warn(renderer.sandboxWarning);
  const { signal } = plan;
  const runs: LoadedRun[] = [];
  try {
    for (const [i, backend] of backends.entries()) runs.push(await runOne(backend, dirs[i]!));
  } finally {
    await Promise.all([renderer?.close(), OUTPUT_RUNS[task.output.kind].close?.(), ...backends.map((backend) => backend.close?.())]);
  }
  return { plan, dataset, runs, parent };

  async function runOne(backend: Backend, dir: string): Promise<LoadedRun> {
    if (backend.open) log(`${backend.id}: starting the model`);
    const total = selectSamples(dataset.samples, plan).length;
    events.modelStart?.(backend.id, total);
    const outcome = await runModel({
      plan,
      dataset,
      backend,
      renderer,
      outDir: dir,
      identity: { tool: TOOL.version, extraction: EXTRACTION_VERSION, ...interactionPrompt, ...viewportsRecord },
      extraViewports,
      metrics,
      ...(judge ? { judge } : {}),
      onResume: (resume) => log(`${backend.id}: continuing ${dir}: ${resumeText(resume)}`),
      onOpen: (concurrency) => {
        if (concurrency < plan.concurrency) log(`${backend.id}: ${concurrency} concurrent generations (the model serves no more)`);
      },
      onSample: (record, done) => events.sample?.(backend.id, record, done, total),
      onRetry: (sampleId, notice) => events.retry?.(backend.id, sampleId, notice),
    }).finally(() => events.modelEnd?.(backend.id));
    if (signal.aborted) throw new RunInterrupted(`interrupted: the finished samples are in ${join(dir, RUN_FILES.samples)}`);
    const results = buildResults({
      tool: TOOL,
      createdAt: outcome.startedAt,
      task: plan.task,
      ...interactionPrompt,
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
      ...(ownViewport ? { viewports: [ownViewport, ...extraViewports] } : {}),
      metrics: metrics.infos,
      absentMetrics: metrics.absent,
      ...(outcome.judge ? { judge: judgeSummary(describeJudge(outcome.judge), outcome.records) } : {}),
      ...(plan.limit === undefined && plan.shard === undefined ? {} : { selection: { limit: plan.limit, shard: plan.shard } }),
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

/**
 * An interaction scored at another viewport than the dataset's screenshots is scored against the
 * reference page driven at that size: every page needs its reference page (our own form's index.html).
 */
function requireReferencePages(dataset: Dataset): void {
  const bare = dataset.samples.find((sample) => !sample.readHtml);
  if (bare) {
    throw new BadInputError(
      `dataset ${dataset.id} (${dataset.root}): page "${bare.id}" has no reference page (index.html): the viewports of --viewports after the first score each interaction against the reference page driven at that size; give one viewport, the screenshots' own`,
    );
  }
}

/** `--interaction-prompt mark` shows each interaction's marked screenshots: every interaction must have both. */
function requireMarks(dataset: Dataset): void {
  for (const sample of dataset.samples) {
    const unmarked = sample.interactions?.find((interaction) => !interaction.readMarkedBefore || !interaction.readMarkedAfter);
    if (unmarked) {
      throw new BadInputError(
        `dataset ${dataset.id} (${dataset.root}): page "${sample.id}" has no marked screenshots (<state>_mark.png) of interaction ${unmarked.index}, which --interaction-prompt mark shows; use --interaction-prompt direct`,
      );
    }
  }
}
