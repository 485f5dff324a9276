/**
 * `npm run bench`: per-stage cost of scoring the baseline panel on `mini`, against a bare
 * setContent + full-page screenshot loop over the same pages in the same browser (the floor).
 * Serial (one generation, one render worker) so that per-page times compare like with like.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { loadDataset } from "../src/datasets/index.js";
import { createBackend } from "../src/model/index.js";
import { Renderer } from "../src/render/index.js";
import { runModel, type SampleRecord } from "../src/runner/index.js";
import { tempDir } from "../test/helpers/dataset.js";

const MODELS = ["reference", "boxes", "blank"];
const dataset = loadDataset(process.argv[2] ?? "mini");
const cacheRoot = tempDir("w2c-bench-cache-");
const out = tempDir("w2c-bench-");
const renderer = await Renderer.launch({ assetRoot: dataset.root, viewport: dataset.viewport, concurrency: 1 });

const run = async (spec: string) =>
  runModel({
    dataset,
    backend: createBackend(spec),
    renderer,
    outDir: join(out, spec),
    concurrency: 1,
    useCache: true,
    cacheRoot,
    generationTimeoutMs: 60_000,
  });

// Fill the reference render cache first: the target is about scoring with references cached.
await run("reference");
const records: SampleRecord[] = [];
let scoredMs = 0;
for (const spec of MODELS) {
  const outcome = await run(spec);
  records.push(...outcome.records);
  scoredMs += outcome.totalMs;
}
const executablePath = renderer.executablePath;
await renderer.close();

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const ok = records.filter((r) => r.status === "ok");
const metricIds = Object.keys(ok[0]?.ms.metrics ?? {});
const metricsMs = ok.map((r) => Object.values(r.ms.metrics).reduce((a, b) => a + b, 0));
const scoreMs = ok.map((r, i) => r.ms.render + r.ms.decode + metricsMs[i]!);

// The floor: the same pages, the same browser binary, one page, setContent + full-page screenshot.
const browser = await puppeteer.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
await page.setViewport({ ...dataset.viewport, deviceScaleFactor: 1 });
const bare: number[] = [];
for (const spec of MODELS) {
  for (const sample of dataset.samples) {
    const html = readFileSync(join(out, spec, "predictions", `${sample.id}.html`), "utf8");
    const started = performance.now();
    await page.setContent(html, { waitUntil: "load" });
    await page.screenshot({ fullPage: true });
    bare.push(performance.now() - started);
  }
}
await browser.close();

const row = (label: string, ms: number) => `| ${label} | ${ms.toFixed(1)} |`;
console.log(`Dataset ${dataset.id}: ${dataset.samples.length} samples x ${MODELS.length} models, ${ok.length} scored; one render worker.\n`);
console.log("| stage (per sample) | ms |\n| --- | --- |");
console.log(row("generate", mean(ok.map((r) => r.ms.generate))));
console.log(row("render (prediction; reference from cache)", mean(ok.map((r) => r.ms.render))));
console.log(row("decode + parse (both pages)", mean(ok.map((r) => r.ms.decode))));
for (const id of metricIds) console.log(row(`metric ${id}`, mean(ok.map((r) => r.ms.metrics[id] ?? 0))));
console.log(row("**scoring a page** (render + decode + metrics)", mean(scoreMs)));
console.log(row("**bare loop** (setContent + full-page screenshot)", mean(bare)));
console.log(`\nratio scoring / bare: ${(mean(scoreMs) / mean(bare)).toFixed(2)}x (target <= 1.5x)`);
console.log(`samples per second, whole pipeline: ${((records.length * 1000) / scoredMs).toFixed(2)}`);
console.log(`peak memory (Node process, max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
