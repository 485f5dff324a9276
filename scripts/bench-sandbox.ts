/**
 * `npm run bench:sandbox`: what the renderer's sandbox costs.
 *
 * 1. The hostile corpus (test/fixtures/hostile/ and the generated giants, each followed by a normal
 *    canary page) as one scored run through the command line, as the test runs it, with one render
 *    worker and with two; beside it, the canaries alone.
 * 2. The sandbox's cost per page: `Renderer.render` (one worker) on mini's reference pages against a
 *    bare puppeteer loop over the same pages in the same browser binary (one page, `setContent` +
 *    full-page screenshot, no interception, no offline mode, no context of its own), in interleaved
 *    rounds; and the same pages with an empty `<script></script>` added, which makes the renderer
 *    reset the page after each render (the way back to a blank page between jobs).
 *
 * BENCH_ROUNDS sets the rounds of part 2 (3).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { loadDataset } from "../src/datasets/index.js";
import { Renderer } from "../src/render/index.js";
import { runCli } from "../test/helpers/cli.js";
import { tempDir } from "../test/helpers/dataset.js";
import {
  closeListeners,
  hostileCorpus,
  magentaPixels,
  seen,
  startListeners,
  writeCorpusRun,
  writeSecret,
} from "../test/helpers/hostile.js";

const fmt = (ms: number) => ms.toFixed(0);

// 1. The hostile corpus through the command line.
const listeners = await startListeners();
const secret = writeSecret();
const pages = hostileCorpus(listeners, secret);
const corpus = writeCorpusRun(pages, secret);
const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-bench-cache-") };

interface Line {
  id: string;
  status: string;
}

async function timedRun(dataset: string, predictions: string, workers: number) {
  const out = join(tempDir("w2c-bench-sandbox-"), "run");
  const started = performance.now();
  const result = await runCli(
    [
      "run",
      "--dataset",
      dataset,
      "--model",
      `replay:${predictions}`,
      "--out",
      out,
      "--render-timeout",
      "10000",
      "--render-concurrency",
      String(workers),
      "--concurrency",
      "1",
      "--quiet",
      "--no-cache",
    ],
    { env },
  );
  const ms = performance.now() - started;
  if (result.code !== 0) throw new Error(`run failed (${result.code}): ${result.stderr}`);
  const lines = readFileSync(join(out, "samples.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
  const statuses = new Map<string, number>();
  for (const line of lines) statuses.set(line.status, (statuses.get(line.status) ?? 0) + 1);
  const failed = lines.filter((line) => line.status !== "ok").map((line) => `${line.id} ${line.status}`);
  return { ms, samples: lines.length, statuses, failed, out };
}

console.log(
  `Hostile corpus: ${pages.length} hostile pages, each followed by a canary, plus a control (${pages.length * 2 + 1} samples); render timeout 10 s; no render cache.\n`,
);
console.log("| run | render workers | samples | wall time | per sample | statuses |");
console.log("| --- | --- | --- | --- | --- | --- |");
const failures: string[] = [];
for (const workers of [1, 2]) {
  const hostile = await timedRun(corpus.dataset, corpus.predictions, workers);
  const magenta = readdirSync(join(hostile.out, "renders"))
    .filter((file) => file !== "00-control.png")
    .reduce((sum, file) => sum + magentaPixels(readFileSync(join(hostile.out, "renders", file))), 0);
  if (magenta !== 0) throw new Error(`a local file showed in a render (${magenta} magenta pixels)`);
  const canaries = await timedRun(corpus.canaryDataset, corpus.canaryPredictions, workers);
  const statuses = [...hostile.statuses].map(([status, count]) => `${status} ${count}`).join(", ");
  console.log(
    `| hostile corpus + canaries | ${workers} | ${hostile.samples} | ${(hostile.ms / 1000).toFixed(1)} s | ${fmt(hostile.ms / hostile.samples)} ms | ${statuses} |`,
  );
  failures.push(`${workers} worker(s): ${hostile.failed.join(", ")}`);
  console.log(
    `| canaries alone | ${workers} | ${canaries.samples} | ${(canaries.ms / 1000).toFixed(1)} s | ${fmt(canaries.ms / canaries.samples)} ms | ok ${canaries.statuses.get("ok") ?? 0} |`,
  );
}
console.log(`\nPages that did not render: ${failures.join("; ")}`);
const reached = Object.values(seen(listeners)).flat();
console.log(`\nConnections and datagrams the loopback listeners saw (TCP and UDP, IPv4 and IPv6, all runs): ${reached.length}`);
await closeListeners(listeners);
if (reached.length !== 0) throw new Error(`the sandbox let ${reached.length} connections through: ${reached.join("; ")}`);

// 2. The sandbox's cost per page.
const mini = await loadDataset("mini");
const jobs = await Promise.all(mini.samples.map(async (sample) => ({ html: await sample.readHtml!(), pagePath: sample.pagePath })));
const scripted = jobs.map((job) => ({ ...job, html: job.html.replace(/<\/body>/i, "<script></script></body>") }));
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const renderer = await Renderer.launch({
  assetRoot: mini.assetRoot,
  viewport: mini.viewport,
  concurrency: 1,
  withheldFiles: mini.withheldFiles,
});
const bareBrowser = await puppeteer.launch({
  executablePath: renderer.executablePath,
  headless: true,
  args: process.getuid?.() === 0 ? ["--no-sandbox", "--disable-gpu"] : ["--disable-gpu"],
});
const barePage = await bareBrowser.newPage();
await barePage.setViewport({ ...mini.viewport, deviceScaleFactor: 1 });

const paths: Record<string, () => Promise<void>> = {
  "bare loop: setContent + full-page screenshot": async () => {
    for (const job of jobs) {
      await barePage.setContent(job.html, { waitUntil: "load" });
      await barePage.screenshot({ fullPage: true });
    }
  },
  "Renderer.render, sandboxed": async () => {
    for (const job of jobs) {
      const result = await renderer.render(job);
      if (!result.ok) throw new Error(`${job.pagePath}: ${result.error}`);
    }
  },
  "Renderer.render, sandboxed, every page reset after it (`<script>` added)": async () => {
    for (const job of scripted) {
      const result = await renderer.render(job);
      if (!result.ok) throw new Error(`${job.pagePath}: ${result.error}`);
    }
  },
};
// One warm-up pass each, then interleaved rounds.
for (const run of Object.values(paths)) await run();
const perPage = new Map<string, number[]>(Object.keys(paths).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(paths)) {
    const started = performance.now();
    await run();
    perPage.get(name)!.push((performance.now() - started) / jobs.length);
  }
}
await renderer.close();
await bareBrowser.close();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const bare = median(perPage.get(Object.keys(paths)[0]!)!);
console.log(
  `\nSandbox cost per page: mini's ${jobs.length} reference pages, ${mini.viewport.width}x${mini.viewport.height}, one page at a time, ${rounds} interleaved rounds (median; range).\n`,
);
console.log("| render path | ms per page | over the bare loop |");
console.log("| --- | --- | --- |");
for (const [name, values] of perPage) {
  const m = median(values);
  const range = `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;
  console.log(`| ${name} | ${fmt(m)} (${range}) | ${name.startsWith("bare") ? "" : `+${fmt(m - bare)} ms, ${(m / bare).toFixed(2)}x`} |`);
}
