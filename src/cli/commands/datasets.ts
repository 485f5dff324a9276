import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { builtinDatasetIds, datasetStats, loadDataset, type DatasetStats } from "../../datasets/index.js";
import { addOutputFlags, withExamples, type CommonFlags } from "../flags.js";
import { createOutput } from "../output.js";

export function registerDatasets(program: Command): void {
  const datasets = program.command("datasets").description("the datasets it knows, and their statistics");
  withExamples(
    addOutputFlags(datasets.command("list").description("list the built-in datasets")),
    "datasets list",
    "datasets list --json",
  ).action((flags: CommonFlags) => {
    const rows = builtinDatasetIds().map((id) => {
      const d = loadDataset(id);
      return { id, version: d.version, samples: d.samples.length, description: d.description };
    });
    createOutput(flags).result(rows, rows.map((r) => `${r.id}\t${r.version}\t${r.samples} samples\t${r.description}`).join("\n"));
  });
  withExamples(
    addOutputFlags(
      datasets
        .command("stats")
        .argument("<D>", "built-in dataset id or folder")
        .description("count and mean ± std of DOM depth, tag count, unique tags and length of the reference pages"),
    ),
    "datasets stats mini",
    "datasets stats ./design2code --json",
  ).action(async (spec: string, flags: CommonFlags) => {
    const { measureHtml } = await import("../../metrics/html-stats.js");
    const dataset = loadDataset(spec);
    const htmls = dataset.samples.map((s) => readFileSync(s.htmlPath, "utf8"));
    const stats = datasetStats(htmls, measureHtml);
    createOutput(flags).result({ id: dataset.id, fingerprint: dataset.fingerprint, ...stats }, statsText(dataset.id, stats));
  });
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
