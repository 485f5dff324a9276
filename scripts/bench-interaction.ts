/**
 * `npm run bench:interaction`: what driving a page costs (docs/renderer.md#interactions).
 *
 * Generated pages (10 pages, 5 interactions each, 1280x720) through `Renderer.interact` (one worker:
 * the start render, then each step on the page loaded afresh, settled, captured and compared with the
 * start) against a bare puppeteer loop in the same browser binary, one page at a time too: for each
 * interaction, go to the page (an intercepted URL), click `#interactN`, take a full-page screenshot.
 * One warm-up pass each, then interleaved rounds in this one process (the order alternates).
 *
 * BENCH_ROUNDS sets the rounds (3).
 */
import puppeteer from "puppeteer-core";
import { Renderer, type InteractJob } from "../src/render/index.js";

const PAGES = 10;
const INTERACTIONS = 5;
const VIEWPORT = { width: 1280, height: 720 };
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

/** A page of text and cards; button N of it shows panel N (a click that changes the page, as Interaction2Code's do). */
function benchPage(page: number): string {
  const cards = Array.from(
    { length: INTERACTIONS },
    (_, k) =>
      `<section class="card"><h2>Page ${page}, card ${k + 1}</h2><p>${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(4)}</p>` +
      `<button id="interact${k + 1}" onclick="document.getElementById('panel${k + 1}').classList.toggle('open')">Details</button>` +
      `<div class="panel" id="panel${k + 1}">More about card ${k + 1} of page ${page}.</div></section>`,
  ).join("");
  return (
    `<!DOCTYPE html><html><head><title>Bench ${page}</title><style>` +
    `body{font-family:sans-serif;margin:0 auto;max-width:900px;padding:20px} .card{border:1px solid #ccc;border-radius:8px;padding:16px;margin:16px 0}` +
    `button{padding:8px 16px;background:#2563eb;color:#fff;border:0;border-radius:4px;transition:background .2s}` +
    `.panel{display:none;margin-top:12px;padding:12px;background:#eef} .panel.open{display:block}` +
    `</style></head><body><h1>Interaction bench page ${page}</h1>${cards}</body></html>`
  );
}

const jobs: InteractJob[] = Array.from({ length: PAGES }, (_, page) => ({
  html: benchPage(page),
  pagePath: `pages/${page}.html`,
  steps: Array.from({ length: INTERACTIONS }, (_, k) => ({ index: k + 1, action: "click" as const })),
}));
const interactions = PAGES * INTERACTIONS;

const renderer = await Renderer.launch({ assetRoot: null, viewport: VIEWPORT, concurrency: 1 });
const bareBrowser = await puppeteer.launch({
  executablePath: renderer.executablePath,
  headless: true,
  args: process.getuid?.() === 0 ? ["--no-sandbox", "--disable-gpu"] : ["--disable-gpu"],
});
const barePage = await bareBrowser.newPage();
await barePage.setViewport({ ...VIEWPORT, deviceScaleFactor: 1 });
const served = new Map(jobs.map((job) => [`http://bench.invalid/${job.pagePath}`, job.html]));
await barePage.setRequestInterception(true);
barePage.on("request", (request) => {
  const html = served.get(request.url());
  void (html === undefined ? request.abort() : request.respond({ status: 200, contentType: "text/html", body: html }));
});

const paths: Record<string, () => Promise<void>> = {
  "bare loop: goto + click + full-page screenshot": async () => {
    for (const url of served.keys()) {
      for (let n = 1; n <= INTERACTIONS; n++) {
        await barePage.goto(url, { waitUntil: "load" });
        await barePage.click(`#interact${n}`);
        await barePage.screenshot({ fullPage: true });
      }
    }
  },
  "Renderer.interact (start render + each step)": async () => {
    for (const job of jobs) {
      const result = await renderer.interact(job);
      if (!result.ok) throw new Error(`${job.pagePath}: ${result.error}`);
      const outcomes = result.steps.map((step) => step.outcome);
      if (outcomes.some((outcome) => outcome !== "changed")) throw new Error(`${job.pagePath}: ${outcomes.join(", ")}`);
    }
  },
};
for (const run of Object.values(paths)) await run();
const perInteraction = new Map<string, number[]>(Object.keys(paths).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  const order = Object.entries(paths);
  for (const [name, run] of round % 2 === 0 ? order : order.reverse()) {
    const started = performance.now();
    await run();
    perInteraction.get(name)!.push((performance.now() - started) / interactions);
  }
}
await renderer.close();
await bareBrowser.close();

const fmt = (ms: number) => ms.toFixed(0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const bare = perInteraction.get(Object.keys(paths)[0]!)!;
console.log(
  `Interactions: ${PAGES} pages x ${INTERACTIONS} clicks, ${VIEWPORT.width}x${VIEWPORT.height}, one page at a time, ${rounds} interleaved rounds (median; range).\n`,
);
console.log("| path | ms per interaction | over the bare loop |");
console.log("| --- | --- | --- |");
for (const [name, values] of perInteraction) {
  const range = `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;
  const ratios = values.map((value, round) => value / bare[round]!);
  const ratio =
    values === bare ? "" : `${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}x)`;
  console.log(`| ${name} | ${fmt(median(values))} (${range}) | ${ratio} |`);
}
