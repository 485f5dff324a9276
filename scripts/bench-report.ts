/**
 * `npm run bench:report`: how long `report` takes over 3 models x 40 and 3 models x 1,000 samples,
 * and how big the report folder gets. The synthetic runs are made from a real baseline-panel run
 * on `mini` (real renders of both pages, predictions and records), repeated to size; every
 * repeated picture gets a small mark of its own so that no two are the same file (the report
 * stores pictures by content, and copies would make it look smaller than it is), except that a
 * sample's reference render is the same file in every model's run, as in real runs.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { markedCopy, syntheticDataset } from "./synthetic-dataset.js";
import { loadDataset } from "../src/datasets/index.js";
import { metricsMetadata } from "../src/metrics/index.js";
import { buildResults, SAMPLE_FILES, sampleFile, writeResults, writeSampleLines, type SampleRecord } from "../src/results/index.js";
import { runBenchmark } from "../src/runner/index.js";

const MODELS = ["reference", "boxes", "blank"];
const SIZES = [40, 1000];
const work = mkdtempSync(join(tmpdir(), "w2c-bench-report-"));
const mini = await loadDataset("mini");
const cacheRoot = join(work, "cache");

// 1. A real run of the panel on mini.
const { runs } = await runBenchmark({
  dataset: "mini",
  models: MODELS,
  task: "image2html",
  out: join(work, "real"),
  concurrency: 2,
  renderConcurrency: 2,
  renderTimeout: 15_000,
  generationTimeout: 60_000,
  cache: true,
  cacheRoot,
});
const real = new Map<string, SampleRecord[]>(runs.map((run) => [run.results.model.id, run.records]));

const kb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const folderBytes = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (total, entry) => total + (entry.isDirectory() ? folderBytes(join(dir, entry.name)) : statSync(join(dir, entry.name)).size),
    0,
  );

console.log("| models x samples | report time | report folder | of which pictures |\n| --- | --- | --- | --- |");
for (const size of SIZES) {
  // 2. A synthetic dataset of `size` samples from mini's pages and screenshots.
  const root = join(work, `dataset-${size}`);
  const dataset = await syntheticDataset(root, size, true);
  const samples = dataset.samples;

  // 3. One run folder per model, its records, renders and predictions repeated from the real run.
  const runDirs = MODELS.map((spec) => {
    const dir = join(work, `runs-${size}`, spec);
    for (const { folder } of Object.values(SAMPLE_FILES)) mkdirSync(join(dir, folder), { recursive: true });
    return dir;
  });
  for (const [m, spec] of MODELS.entries()) {
    const records = samples.map((sample, i) => ({ ...real.get(spec)![i % mini.samples.length]!, id: sample.id }));
    for (const [i, record] of records.entries()) {
      const from = mini.samples[i % mini.samples.length]!.id;
      const realDir = join(work, "real", spec);
      copyFileSync(sampleFile(realDir, "prediction", from), sampleFile(runDirs[m]!, "prediction", record.id));
      // A sample that failed has no render: the synthetic one has none either.
      const render = sampleFile(realDir, "render", from);
      if (existsSync(render)) await markedCopy(render, i + size * (m + 1), sampleFile(runDirs[m]!, "render", record.id));
      const reference = sampleFile(realDir, "referenceRender", from);
      if (existsSync(reference)) await markedCopy(reference, i, sampleFile(runDirs[m]!, "referenceRender", record.id));
    }
    const results = buildResults({
      metrics: metricsMetadata(),
      tool: { name: "web2code-eval", version: "bench" },
      createdAt: new Date(),
      task: "image2html",
      model: { id: spec, kind: spec, spec, placement: {} },
      dataset: { id: dataset.id, version: "1", fingerprint: dataset.fingerprint, root },
      records,
      environment: { node: process.version, chrome: "bench" },
      totalMs: 1,
    });
    writeResults(join(runDirs[m]!, "results.json"), results);
    writeSampleLines(join(runDirs[m]!, "samples.jsonl"), records);
  }

  // 4. The report, through the command line as a user runs it.
  const out = join(work, `report-${size}`);
  const started = performance.now();
  execFileSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "report", ...runDirs, "--out", out, "--quiet"], {
    stdio: "inherit",
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`| 3 x ${size} | ${seconds.toFixed(1)} s | ${kb(folderBytes(out))} | ${kb(folderBytes(join(out, "report-assets")))} |`);
}
