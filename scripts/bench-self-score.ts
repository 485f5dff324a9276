/**
 * `npm run bench:self -- DATASET [--limit N]`: every page of a dataset scored against itself, as a new
 * user checks the tool (`score --predictions` the dataset's own pages, every score but CLIP, no cache,
 * both pages of each pair rendered), against a bare loop that renders the same pages the same number
 * of times (puppeteer, the same browser binary, two pages at once, setContent + full-page screenshot,
 * every request refused): the floor of any tool that renders both pages.
 *
 * Prints: the wall time of each and their ratio; how many pages score exactly 1 on each score; where
 * the time goes (each stage's mean, 95th percentile and maximum per sample); the heaviest pairs with
 * their stages. DATASET is a Design2Code folder (`N.html` + `N.png`) or any dataset whose pages replay
 * reads by sample id.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pLimit from "p-limit";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { loadDataset } from "../src/datasets/index.js";
import { findBrowser } from "../src/render/index.js";
import { aggregateValues, markdownTable, type SampleRecord } from "../src/results/index.js";
import { runBenchmark } from "../src/runner/index.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: "string" } } });
const datasetSpec = positionals[0];
if (!datasetSpec) throw new Error("usage: npm run bench:self -- DATASET [--limit N]");
const limit = values.limit === undefined ? undefined : Number(values.limit);
const dataset = await loadDataset(datasetSpec);
const samples = dataset.samples.slice(0, limit);
const pages = await Promise.all(samples.map(async (sample) => ({ id: sample.id, html: await sample.readHtml!() })));
const WORKERS = 2;
/**
 * The bare loop's limit for one page's load, and for its screenshot: the time a page that never
 * lets go (a script that navigates away, which setContent waits on for ever) costs it. The scored
 * run's renders have their own deadline (RENDER_TIMEOUT_MS).
 */
const BARE_TIMEOUT_MS = 15_000;
const RENDER_TIMEOUT_MS = 60_000;
const bareFailures: string[] = [];

/**
 * One bare worker: a browser of its own with one tab. A page that never lets go (a script loop, a
 * screenshot that never comes) costs it the timeout and its browser, killed and started again, so
 * that nothing of that page holds up the next.
 */
class BareWorker {
  private browser?: Browser;
  private tab?: Page;

  async render(html: string): Promise<void> {
    const tab = this.tab ?? (await this.open());
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no screenshot within ${(2 * BARE_TIMEOUT_MS) / 1000} s`)), 2 * BARE_TIMEOUT_MS);
    });
    try {
      await Promise.race([
        (async () => {
          await tab.setContent(html, { waitUntil: "load", timeout: BARE_TIMEOUT_MS });
          await tab.screenshot({ fullPage: true });
        })(),
        limit,
      ]);
    } catch (error) {
      this.kill();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    this.browser?.process()?.kill("SIGKILL");
    this.browser = undefined;
    this.tab = undefined;
  }

  private async open(): Promise<Page> {
    this.browser = await puppeteer.launch({
      executablePath: (await findBrowser())!.path,
      headless: true,
      protocolTimeout: BARE_TIMEOUT_MS,
      args: ["--no-sandbox", "--disable-gpu", "--hide-scrollbars"],
    });
    const tab = await this.browser.newPage();
    await tab.setViewport({ ...dataset.viewport, deviceScaleFactor: 1 });
    await tab.setRequestInterception(true);
    tab.on("request", (request) => void request.abort().catch(() => undefined));
    tab.on("dialog", (dialog) => void dialog.dismiss().catch(() => undefined));
    this.tab = tab;
    return tab;
  }
}

/** The floor: both pages of every pair, two at a time, nothing but setContent and the screenshot. */
async function bareLoop(): Promise<number> {
  const free = Array.from({ length: WORKERS }, () => new BareWorker());
  // Browsers started before the clock, as the scored run's renderer is.
  await Promise.all(free.map((worker) => worker.render("<!DOCTYPE html><p>warm</p>")));
  const slot = pLimit(WORKERS);
  const started = performance.now();
  let done = 0;
  await Promise.all(
    pages
      .flatMap((page) => [page, page])
      .map(({ id, html }) =>
        slot(async () => {
          const worker = free.pop()!;
          try {
            await worker.render(html);
          } catch (error) {
            bareFailures.push(`${id}: ${String(error).split("\n")[0]}`);
          } finally {
            free.push(worker);
            if (++done % 100 === 0) process.stderr.write(`bare loop: ${done} of ${2 * pages.length}\n`);
          }
        }),
      ),
  );
  const ms = performance.now() - started;
  for (const worker of free) worker.kill();
  return ms;
}

async function selfScore(): Promise<{ ms: number; records: SampleRecord[] }> {
  const [run] = (
    await runBenchmark({
      dataset: datasetSpec!,
      models: [`replay:${dataset.root}`],
      task: "image2html",
      out: mkdtempSync(join(tmpdir(), "w2c-bench-self-")),
      limit,
      concurrency: WORKERS,
      renderConcurrency: WORKERS,
      renderTimeout: RENDER_TIMEOUT_MS,
      generationTimeout: 60_000,
      cache: false,
      fresh: true,
    })
  ).runs;
  return { ms: run!.results.timing.totalMs, records: run!.records };
}

const bare = await bareLoop();
const ours = await selfScore();
const fixed = (value: number, digits = 0) => value.toFixed(digits);
console.log(`${dataset.id}: ${pages.length} pages, each scored against itself; ${WORKERS} render workers on both sides.\n`);
console.log(
  markdownTable(
    ["", "wall s", "per pair ms"],
    [
      ["bare loop (both pages of each pair)", fixed(bare / 1000, 1), fixed(bare / pages.length)],
      ["self-score, every score but CLIP", fixed(ours.ms / 1000, 1), fixed(ours.ms / pages.length)],
    ],
  ),
);
console.log(`\nratio: ${(ours.ms / bare).toFixed(2)}x the bare loop\n`);
console.log(`bare loop: ${bareFailures.length} of ${2 * pages.length} renders failed, each after at most ${BARE_TIMEOUT_MS / 1000} s`);
for (const failure of bareFailures) console.log(`bare loop failed: ${failure}`);

const failed = ours.records.filter((record) => record.status !== "ok");
for (const record of failed) console.log(`failed: ${record.id} ${record.status} ${record.error ?? ""}`);
const metricIds = Object.keys(ours.records.find((record) => record.status === "ok")?.metrics ?? {});
console.log(
  markdownTable(
    ["score", "exactly 1", "below 1 (page: value)"],
    metricIds.map((id) => {
      const below = ours.records.filter((record) => record.metrics[id] !== 1);
      return [id, `${ours.records.length - below.length}/${ours.records.length}`, below.map((r) => `${r.id}: ${r.metrics[id]}`).join(", ")];
    }),
  ),
);

/** Each stage's time per sample: the browser's render of the prediction, decoding both renders, every metric. */
const stages = new Map<string, (record: SampleRecord) => number>([
  ["render (prediction, in the browser)", (record) => record.ms.render],
  ["decode both renders + parse both pages", (record) => record.ms.decode],
  ...metricIds.map((id): [string, (record: SampleRecord) => number] => [id, (record) => record.ms.metrics[id] ?? 0]),
]);
const scored = ours.records.filter((record) => record.status === "ok");
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
console.log("\nWhere the time goes, per sample (stages of different samples overlap):\n");
console.log(
  markdownTable(
    ["stage", "mean ms", "p95 ms", "max ms (page)"],
    [...stages].map(([stage, of]) => {
      const times = scored.map(of);
      const sorted = [...times].sort((a, b) => a - b);
      const worst = scored[times.indexOf(Math.max(...times))];
      return [
        stage,
        fixed(aggregateValues(times).mean, 1),
        fixed(percentile(sorted, 0.95), 1),
        `${fixed(sorted.at(-1) ?? 0)} (${worst?.id})`,
      ];
    }),
  ),
);
const scoringMs = (record: SampleRecord) => record.ms.decode + Object.values(record.ms.metrics).reduce((a, b) => a + b, 0);
const heaviest = [...scored].sort((a, b) => scoringMs(b) - scoringMs(a)).slice(0, 8);
console.log("\nThe heaviest pairs to score (ms):\n");
console.log(
  markdownTable(
    ["page", "render size", "blocks (ref)", ...stages.keys()],
    heaviest.map((record) => [
      record.id,
      `${record.render?.ref?.width}x${record.render?.ref?.height}`,
      String(record.d2c ? record.d2c.matches.length + record.d2c.unmatchedRef.length : ""),
      ...[...stages.values()].map((of) => fixed(of(record))),
    ]),
  ),
);
console.log(`\npeak memory (this process, max RSS): ${fixed(process.resourceUsage().maxRSS / 1024)} MB`);
