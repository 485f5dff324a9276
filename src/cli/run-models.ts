import { join, resolve } from "node:path";
import { loadDataset } from "../datasets/index.js";
import { createBackend, type ModelBackend } from "../model/index.js";
import { buildResults, summaryMarkdown, writeReport, type LoadedRun } from "../report/index.js";
import { Renderer } from "../render/index.js";
import { cacheDir, checkOutputDir, runModel, selectSamples, writeFileAtomic } from "../runner/index.js";
import { environment, TOOL } from "./environment.js";
import { UsageError } from "./errors.js";
import type { CommonFlags, RunFlags } from "./flags.js";
import type { Output } from "./output.js";
import { createProgress } from "./progress.js";
import { openLibraries } from "./libraries.js";
import { datasetScreenshots } from "./screenshots.js";

export interface RunModelsOptions extends Omit<RunFlags, keyof CommonFlags> {
  dataset: string;
  models: string[];
  out?: string;
}

/**
 * Runs every model on the dataset: one run folder each and, for several models, a comparison
 * beside them. All input is checked before anything is written.
 */
export async function runModels(options: RunModelsOptions, output: Output): Promise<void> {
  const dataset = loadDataset(options.dataset);
  if (options.task === "text2html") {
    const bare = dataset.samples.find((sample) => !sample.description?.trim());
    if (bare)
      throw new UsageError(
        `dataset ${dataset.id} (${dataset.root}): sample "${bare.id}" has no description, which --task text2html gives the model`,
      );
  }
  const backends = options.models.map((spec) => createBackend(spec, { task: options.task, cacheRoot: cacheDir() }));
  const slugs = backends.map((backend) => backend.id);
  const duplicate = slugs.find((slug, i) => slugs.indexOf(slug) !== i);
  if (duplicate) throw new UsageError(`two --model specs share the folder name "${duplicate}": give each model once`);
  const single = backends.length === 1;
  const parent = resolve(options.out ?? "reports");
  const dirs = single && options.out ? [parent] : slugs.map((slug) => join(parent, slug));
  for (const dir of [parent, ...dirs]) checkOutputDir(dir);

  const renderOptions = {
    viewport: dataset.viewport,
    concurrency: options.renderConcurrency,
    timeoutMs: options.renderTimeout,
  };
  // A prediction may load the dataset's assets, never its reference pages or screenshots: showing
  // those would copy the answer.
  const withheldFiles = dataset.samples.flatMap((sample) => [sample.htmlPath, sample.imagePath]);
  const libraries = openLibraries(options.libraries);
  const renderer = await Renderer.launch({ ...renderOptions, assetRoot: dataset.root, withheldFiles, libraries });
  if (renderer.sandboxWarning) output.log(`warning: ${renderer.sandboxWarning}`);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  // Ctrl-C, or a scheduler's stop: finish in order (servers and the browser closed, samples kept).
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const finished: LoadedRun[] = [];
  try {
    for (const [i, backend] of backends.entries()) finished.push(await runOne(backend, dirs[i]!));
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await Promise.all([renderer.close(), ...backends.map((b) => b.close?.())]);
  }

  async function runOne(backend: ModelBackend, dir: string) {
    if (backend.open) output.log(`${backend.id}: starting the model`);
    const total = selectSamples(dataset.samples, options).length;
    const progress = createProgress(output, backend.id, total);
    const outcome = await runModel({
      dataset,
      task: options.task,
      backend,
      renderer,
      outDir: dir,
      limit: options.limit,
      shard: options.shard,
      fresh: options.fresh,
      identity: { tool: TOOL.version },
      concurrency: options.concurrency,
      useCache: options.cache,
      cacheRoot: cacheDir(),
      generationTimeoutMs: options.generationTimeout,
      signal: abort.signal,
      onResume: (finished, all) => {
        if (finished > 0) output.log(`${backend.id}: continuing ${dir}: ${finished} of ${all} samples already done`);
      },
      onOpen: (concurrency) => {
        if (concurrency < options.concurrency)
          output.log(`${backend.id}: ${concurrency} concurrent generations (the model serves no more)`);
      },
      onSample: (record, done) => progress.sample(record, done, total),
    }).finally(() => progress.stop());
    // An interrupted run has no results.json: what finished is in samples.jsonl.
    if (abort.signal.aborted) throw new Error(`interrupted: the finished samples are in ${join(dir, "samples.jsonl")}`);
    const results = buildResults({
      tool: TOOL,
      createdAt: outcome.startedAt,
      task: options.task,
      model: outcome.model,
      dataset: {
        id: dataset.id,
        version: dataset.version,
        // Where the screenshots are: reports show them beside the renders.
        root: dataset.root,
        fingerprint: dataset.fingerprint,
        format: dataset.format,
        viewport: dataset.viewport,
        instruction: dataset.instruction,
      },
      records: outcome.records,
      ...(options.limit === undefined && options.shard === undefined ? {} : { selection: { limit: options.limit, shard: options.shard } }),
      environment: environment(renderer, renderOptions),
      totalMs: outcome.totalMs,
      resumed: outcome.resumed,
    });
    writeFileAtomic(join(dir, "summary.md"), summaryMarkdown(results, outcome.records));
    writeFileAtomic(join(dir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    output.log(`${backend.id}: ${results.dataset.samples.scored}/${results.dataset.samples.total} scored -> ${dir}`);
    return { dir, results, records: outcome.records };
  }

  const lines = finished.map(({ dir }) => `run: ${dir}`);
  if (!single) {
    const written = await writeReport(finished, {
      outDir: parent,
      name: "comparison",
      title: "Model comparison",
      referenceImage: datasetScreenshots(dataset).lookup,
      writeFile: writeFileAtomic,
    });
    lines.push(`comparison: ${written.markdown}`, `comparison: ${written.html}`);
  }
  output.result(
    {
      runs: finished.map(({ dir, results }) => ({
        model: results.model.id,
        dir,
        aggregates: results.aggregates,
        failures: results.failures,
      })),
      ...(single ? {} : { comparison: { markdown: join(parent, "comparison.md"), html: join(parent, "comparison.html") } }),
    },
    lines.join("\n"),
  );
}
