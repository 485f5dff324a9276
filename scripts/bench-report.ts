/**
 * `npm run bench:report`: how long `report` takes over 3 models x 40 and 3 models x 1,000 samples,
 * and how big the report folder gets. The synthetic runs are made from a real baseline-panel run
 * on `mini` (real renders, predictions and records), repeated to size; every repeated picture
 * gets a small mark of its own so that no two are the same file (the report stores pictures by
 * content, and copies would make it look smaller than it is).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { markedCopy, syntheticDataset } from "./synthetic-dataset.js";
import { loadDataset } from "../src/datasets/index.js";
import { createBackend } from "../src/model/index.js";
import { buildResults, type SampleRecordData } from "../src/report/index.js";
import { Renderer } from "../src/render/index.js";
import { runModel } from "../src/runner/index.js";

const MODELS = ["reference", "boxes", "blank"];
const SIZES = [40, 1000];
const work = mkdtempSync(join(tmpdir(), "w2c-bench-report-"));
const mini = loadDataset("mini");
const cacheRoot = join(work, "cache");

// 1. A real run of the panel on mini.
const renderer = await Renderer.launch({ assetRoot: mini.root, viewport: mini.viewport, concurrency: 2 });
const real = new Map<string, SampleRecordData[]>();
for (const spec of MODELS) {
  const outcome = await runModel({
    dataset: mini,
    task: "image2html",
    backend: createBackend(spec, { task: "image2html", cacheRoot }),
    renderer,
    outDir: join(work, "real", spec),
    concurrency: 2,
    useCache: true,
    cacheRoot,
    generationTimeoutMs: 60_000,
  });
  real.set(spec, outcome.records);
}
await renderer.close();

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
    mkdirSync(join(dir, "renders"), { recursive: true });
    mkdirSync(join(dir, "predictions"), { recursive: true });
    return dir;
  });
  for (const [m, spec] of MODELS.entries()) {
    const records = samples.map((sample, i) => ({ ...real.get(spec)![i % mini.samples.length]!, id: sample.id }));
    for (const [i, record] of records.entries()) {
      const from = mini.samples[i % mini.samples.length]!.id;
      const realDir = join(work, "real", spec);
      copyFileSync(join(realDir, "predictions", `${from}.html`), join(runDirs[m]!, "predictions", `${record.id}.html`));
      // A sample that failed has no render: the synthetic one has none either.
      const render = join(realDir, "renders", `${from}.png`);
      if (existsSync(render)) await markedCopy(render, i + size * (m + 1), join(runDirs[m]!, "renders", `${record.id}.png`));
    }
    const results = buildResults({
      tool: { name: "web2code-eval", version: "bench" },
      createdAt: new Date(),
      task: "image2html",
      model: { id: spec },
      dataset: { id: dataset.id, version: "1", fingerprint: dataset.fingerprint, root },
      records,
      environment: { node: process.version, chrome: "bench" },
      totalMs: 1,
    });
    writeFileSync(join(runDirs[m]!, "results.json"), JSON.stringify(results));
    writeFileSync(join(runDirs[m]!, "samples.jsonl"), records.map((r) => JSON.stringify(r)).join("\n") + "\n");
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
