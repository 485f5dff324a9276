import { basename, resolve } from "node:path";
import type { Command } from "commander";
import {
  builtinDatasetIds,
  datasetStats,
  DatasetProblems,
  importDataset,
  loadDataset,
  type Dataset,
  type DatasetStats,
  type LoadOptions,
} from "../../datasets/index.js";
import { addDatasetFlags, addOutputFlags, withExamples, type CommonFlags, type DatasetFlags } from "../flags.js";
import { createOutput, type Output } from "../output.js";

type DatasetCommandFlags = CommonFlags & DatasetFlags;

export function registerDatasets(program: Command): void {
  const datasets = program.command("datasets").description("the datasets it knows, their statistics, checks and imports");
  withExamples(
    addOutputFlags(datasets.command("list").description("list the built-in datasets")),
    "datasets list",
    "datasets list --json",
  ).action(async (flags: CommonFlags) => {
    const rows = [];
    for (const id of builtinDatasetIds()) {
      const d = await loadDataset(id);
      rows.push({ id, version: d.version, samples: d.samples.length, description: d.description });
    }
    createOutput(flags).result(rows, rows.map((r) => `${r.id}\t${r.version}\t${r.samples} samples\t${r.description}`).join("\n"));
  });
  withExamples(
    addOutputFlags(
      addDatasetFlags(
        datasets
          .command("stats")
          .argument("<D>", "built-in dataset id or path (folder, parquet, JSONL, JSON, TSV)")
          .description("count and mean ± std of DOM depth, tag count, unique tags and length of the reference pages"),
      ),
    ),
    "datasets stats mini",
    "datasets stats ./design2code --json",
    "datasets stats ./Design2Code-hf/data/test-00000-of-00001.parquet",
  ).action(async (spec: string, flags: DatasetCommandFlags) => {
    const { measureHtml } = await import("../../metrics/html-stats.js");
    const output = createOutput(flags);
    const dataset = await load(spec, flags, output);
    const stats = await datasetStats(referencePages(dataset), measureHtml);
    output.result({ id: dataset.id, fingerprint: dataset.fingerprint, ...stats }, statsText(dataset.id, stats));
  });
  withExamples(
    addOutputFlags(
      addDatasetFlags(
        datasets
          .command("validate")
          .argument("<D>", "built-in dataset id or path (folder, parquet, JSONL, JSON, TSV)")
          .description(
            "check every sample of a dataset and print every problem, one line each (exit 2 if any); schemas/dataset.schema.json describes dataset.json",
          ),
      ),
    ),
    "datasets validate ./my-benchmark",
    "datasets validate ./Web2Code_eval.jsonl --images ./Web2Code_image_eval",
  ).action(async (spec: string, flags: DatasetCommandFlags) => {
    const output = createOutput(flags);
    const dataset = await load(spec, flags, output, pageProblems);
    const interactions = dataset.samples.reduce((count, sample) => count + (sample.interactions?.length ?? 0), 0);
    const summary = {
      dataset: dataset.root,
      id: dataset.id,
      format: dataset.format,
      samples: dataset.samples.length,
      ...(interactions ? { interactions } : {}),
      tasks: dataset.tasks,
      fingerprint: dataset.fingerprint,
      warnings: dataset.warnings,
    };
    output.result(
      summary,
      `${dataset.root}: valid (${dataset.format}, ${dataset.samples.length} samples${interactions ? `, ${interactions} interactions` : ""}, --task ${dataset.tasks.join(" | ")}, ${dataset.warnings.length} warnings, fingerprint ${dataset.fingerprint})`,
    );
  });
  withExamples(
    addOutputFlags(
      addDatasetFlags(
        datasets
          .command("import")
          .argument("<SRC>", "dataset in any form it reads: folder, parquet file or folder, Web2Code JSONL, LLaVA JSON, VLMEvalKit TSV")
          .requiredOption("--out <DIR>", "the new dataset folder (dataset.json, pages, screenshots): new or empty")
          .description("write a dataset in the tool's own folder format; nothing is written unless every sample is good"),
      ),
    ),
    "datasets import ./Design2Code-hf/data --out datasets/design2code",
    "datasets import ./design2code.tsv --out datasets/design2code --columns id=img_fname",
    "datasets import ./Web2Code_eval.jsonl --images ./Web2Code_image_eval --out datasets/wub",
  ).action(async (spec: string, flags: DatasetCommandFlags & { out: string }) => {
    const { checkOutputDir } = await import("../../runner/index.js");
    const output = createOutput(flags);
    const out = resolve(flags.out);
    checkOutputDir(out);
    const dataset = await load(spec, flags, output);
    const imported = await importDataset(dataset, out);
    output.result(
      { from: dataset.root, format: dataset.format, ...imported },
      `imported: ${imported.root} (${imported.samples} samples from ${dataset.root}, fingerprint ${imported.fingerprint})`,
    );
  });
}

/** The dataset with its warnings said (on stderr), once `problems` finds none in it. */
async function load(
  spec: string,
  flags: DatasetFlags,
  output: Output,
  problems: (dataset: Dataset) => string[] = () => [],
): Promise<Dataset> {
  const options: LoadOptions = { columns: flags.columns, images: flags.images };
  const dataset = await loadDataset(spec, options);
  const found = problems(dataset);
  if (found.length) throw new DatasetProblems(found);
  for (const warning of dataset.warnings) output.log(`warning: ${warning}`);
  return dataset;
}

/** A run only warns of a page without its screenshot (it is no sample, served as an asset); a check calls it a problem. */
function pageProblems(dataset: Dataset): string[] {
  return (dataset.pagesWithoutScreenshot ?? []).map(
    (page) =>
      `${page}: a page with no screenshot (${basename(page, ".html")}.png) beside it, so no sample; add its screenshot, or move the page into a subfolder if it is an asset`,
  );
}

/** The reference pages one at a time: a parquet dataset's are read a row group at a time, never all at once. */
async function* referencePages(dataset: Dataset): AsyncGenerator<string> {
  for (const sample of dataset.samples) if (sample.readHtml) yield await sample.readHtml();
}

function statsText(id: string, stats: DatasetStats): string {
  const row = (label: string, key: Exclude<keyof DatasetStats, "count">, digits: number) =>
    `${label.padEnd(12)} ${stats[key].mean.toFixed(digits)} ± ${stats[key].std.toFixed(digits)}`;
  return [
    `dataset      ${id}`,
    `samples      ${stats.count}`,
    row("DOM depth", "dom_depth", 1),
    row("tags", "tag_count", 1),
    row("unique tags", "unique_tags", 1),
    row("length", "length", 0) + " characters",
  ].join("\n");
}
