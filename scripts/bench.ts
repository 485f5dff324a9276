/**
 * `npm run bench`: the cost of scoring the baseline panel's pages on `mini` against a bare
 * setContent + full-page screenshot loop over the same pages with the same browser (the floor).
 * The panel first generates its predictions (and fills the reference render cache); then the
 * saved predictions are scored again through `replay:`, so that "scoring a page" is its render
 * (never from the cache), the decoding of both renders and every metric. BENCH_RENDER_WORKERS sets the browser workers (2).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { loadDataset } from "../src/datasets/index.js";
import type { SampleRecord } from "../src/results/index.js";
import { runBenchmark } from "../src/runner/index.js";

const MODELS = ["reference", "boxes", "blank"];
const datasetSpec = process.argv[2] ?? "mini";
const dataset = await loadDataset(datasetSpec);
const cacheRoot = mkdtempSync(join(tmpdir(), "w2c-bench-cache-"));
const out = mkdtempSync(join(tmpdir(), "w2c-bench-"));
const renderWorkers = Number(process.env.BENCH_RENDER_WORKERS ?? 2);

/** The models through the same call `run` makes, with its sandbox (reference pages withheld). */
const run = async (models: string[], dir: string) =>
  (
    await runBenchmark({
      dataset: datasetSpec,
      models,
      task: "image2html",
      out: join(out, dir),
      concurrency: 2,
      renderConcurrency: renderWorkers,
      renderTimeout: 15_000,
      generationTimeout: 60_000,
      cache: true,
      cacheRoot,
    })
  ).runs;

const generated = new Map<string, number>();
for (const finished of await run(MODELS, "generated")) generated.set(finished.results.model.id, finished.results.timing.totalMs);
// Each saved prediction gets a comment before </html>: the same page, but not the same cache key, so that
// scoring renders it (the reference's render stays cached, as after a dataset's first run).
for (const spec of MODELS) {
  const dir = join(out, "replay", spec);
  mkdirSync(dir, { recursive: true });
  for (const sample of dataset.samples) {
    const file = join(out, "generated", spec, "predictions", `${sample.id}.html`);
    const html = readFileSync(file, "utf8");
    const marked = html.replace(/<\/html>\s*$/i, "<!-- bench --></html>");
    if (marked === html) throw new Error(`${file}: does not end with </html>, so its render would come from the cache`);
    writeFileSync(join(dir, `${sample.id}.html`), marked);
  }
}
const scored = new Map<string, { ms: number; records: SampleRecord[] }>();
let executablePath = "";
for (const spec of MODELS) {
  const [finished] = await run([`replay:${join(out, "replay", spec)}`], `${spec}-scored`);
  scored.set(spec, { ms: finished!.results.timing.totalMs, records: finished!.records });
  executablePath = String(finished!.results.environment.renderer?.executable);
}

// The floor: the same pages, the same browser binary, one page, setContent + full-page screenshot.
const browser = await puppeteer.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
await page.setViewport({ ...dataset.viewport, deviceScaleFactor: 1 });
const bare = new Map<string, number>();
for (const spec of MODELS) {
  const started = performance.now();
  for (const sample of dataset.samples) {
    await page.setContent(readFileSync(join(out, "generated", spec, "predictions", `${sample.id}.html`), "utf8"), { waitUntil: "load" });
    await page.screenshot({ fullPage: true });
  }
  bare.set(spec, performance.now() - started);
}
await browser.close();

const n = dataset.samples.length;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const all = [...scored.values()].flatMap((s) => s.records).filter((r) => r.status === "ok");
const fmt = (ms: number) => ms.toFixed(1);

console.log(`Dataset ${dataset.id}: ${n} samples; ${renderWorkers} render workers; reference renders cached.\n`);
console.log("| model | scoring a page (wall ms) | bare loop (ms) | ratio | generate + score (samples/s) |");
console.log("| --- | --- | --- | --- | --- |");
let scoredTotal = 0;
let bareTotal = 0;
for (const spec of MODELS) {
  const s = scored.get(spec)!.ms;
  const b = bare.get(spec)!;
  scoredTotal += s;
  bareTotal += b;
  console.log(`| ${spec} | ${fmt(s / n)} | ${fmt(b / n)} | ${(s / b).toFixed(2)}x | ${((n * 1000) / generated.get(spec)!).toFixed(2)} |`);
}
console.log(`| **panel** | ${fmt(scoredTotal / (3 * n))} | ${fmt(bareTotal / (3 * n))} | ${(scoredTotal / bareTotal).toFixed(2)}x | |`);

console.log("\n| stage, mean per scored sample (stages of different samples overlap) | ms |\n| --- | --- |");
console.log(`| render of the prediction, in the browser | ${fmt(mean(all.map((r) => r.ms.render)))} |`);
console.log(`| decode both renders + parse both pages | ${fmt(mean(all.map((r) => r.ms.decode)))} |`);
for (const id of Object.keys(all[0]?.ms.metrics ?? {})) {
  console.log(`| metric ${id} | ${fmt(mean(all.map((r) => r.ms.metrics[id] ?? 0)))} |`);
}
console.log(`\nscoring throughput: ${((3 * n * 1000) / scoredTotal).toFixed(2)} samples/s`);
console.log(`peak memory (Node process, max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
