/**
 * `npm run bench:libraries`: the library store's figures for docs/measured.md.
 *
 * 1. The store's size: the kept files' bytes and the folder's size on disk (`du`).
 * 2. What the Tailwind Play CDN costs: distinct Tailwind pages (each its own classes and config, so
 *    every compile is a first one) rendered through the Play CDN script, against the same pages with
 *    the CSS that Tailwind compiles inlined; then the same Play CDN pages again (compiled CSS cached).
 * 3. What Chrome's own sandbox costs: mini's reference pages through the Renderer with the sandbox
 *    on (as root: Chrome as uid 65534) against `--no-sandbox` as this user, in interleaved rounds;
 *    and the launch time of each.
 *
 * BENCH_ROUNDS sets the rounds of parts 2 and 3 (3). The store must be set up (`setup libraries`).
 */
import { execFileSync } from "node:child_process";
import postcss from "postcss";
import tailwindcss from "tailwindcss";
import { loadDataset } from "../src/datasets/index.js";
import { LIBRARY_CATALOG, LibraryStore, libraryRoot, Renderer, type RenderJob } from "../src/render/index.js";
import { cacheDir } from "../src/runner/index.js";

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (ms: number) => ms.toFixed(0);

// 1. Size.
const root = libraryRoot(cacheDir());
const store = LibraryStore.open(root);
if (store.missing.length) throw new Error(`the store at ${root} lacks ${store.missing.length} packages: run web2code-eval setup libraries`);
const onDisk = execFileSync("du", ["-sk", root], { encoding: "utf8" }).split("\t")[0];
console.log(
  `Library store: ${LIBRARY_CATALOG.length} packages, ${(store.bytes / 1e6).toFixed(1)} MB of kept files, ${(Number(onDisk) / 1024).toFixed(1)} MiB on disk (${root}).\n`,
);

async function renderAll(renderer: Renderer, jobs: RenderJob[]): Promise<number> {
  const started = performance.now();
  for (const job of jobs) {
    const result = await renderer.render(job);
    if (!result.ok) throw new Error(`${job.pagePath}: ${result.status}: ${result.error}`);
  }
  return (performance.now() - started) / jobs.length;
}

// 2. The Play CDN against inlined CSS.
const PAGES = 12;
const colours = ["red", "blue", "green", "amber", "teal", "violet", "rose", "slate"];
function tailwindPage(i: number, round: number) {
  const c = colours[(i + round) % colours.length]!;
  const config = `{ theme: { extend: { colors: { brand: '#${(0x100000 + i * 7919 + round * 104729).toString(16).slice(-6)}' }, spacing: { 'x${i}': '${i + 3}rem' } } } }`;
  const body =
    `<body class="bg-${c}-50 p-${(i % 6) + 2}"><header class="flex items-center justify-between bg-brand px-6 py-4 text-white"><h1 class="text-${["xl", "2xl", "3xl"][i % 3]} font-bold">Page ${i}</h1>` +
    `<nav class="space-x-4"><a class="hover:underline">Home</a><a class="hover:underline">About</a></nav></header>` +
    `<main class="mx-auto mt-8 grid max-w-4xl grid-cols-${(i % 3) + 1} gap-${(i % 4) + 2}">` +
    Array.from(
      { length: 6 },
      (_, k) =>
        `<div class="rounded-lg bg-white p-4 shadow-${["sm", "md", "lg"][k % 3]} h-x${i}"><p class="text-${c}-${(k + 3) * 100}">Card ${k}</p></div>`,
    ).join("") +
    `</main><footer class="mt-8 text-center text-sm text-gray-500">Footer ${round}</footer></body>`;
  return { config, body };
}
async function playCdnJobs(round: number) {
  const play: RenderJob[] = [];
  const inlined: RenderJob[] = [];
  for (let i = 0; i < PAGES; i++) {
    const { config, body } = tailwindPage(i, round);
    const html = `<!DOCTYPE html><html><head><script src="https://cdn.tailwindcss.com"></script><script>tailwind.config = ${config}</script></head>${body}</html>`;
    const parsed = Function(`return ${config}`)() as Record<string, unknown>;
    const css = await postcss([tailwindcss({ ...parsed, content: [{ raw: html, extension: "html" }] })]).process(
      "@tailwind base;@tailwind components;@tailwind utilities;",
      { from: undefined },
    );
    play.push({ html, pagePath: `play-${round}-${i}.html` });
    inlined.push({
      html: `<!DOCTYPE html><html><head><style>${css.css}</style></head>${body}</html>`,
      pagePath: `inlined-${round}-${i}.html`,
    });
  }
  return { play, inlined };
}

const viewport = { width: 1280, height: 720 };
const withStore = await Renderer.launch({ assetRoot: null, libraries: store, viewport });
await renderAll(withStore, (await playCdnJobs(-1)).play); // warm-up: the compiler thread starts
const cold: number[] = [];
const warm: number[] = [];
const inline: number[] = [];
for (let round = 0; round < rounds; round++) {
  const { play, inlined } = await playCdnJobs(round);
  inline.push(await renderAll(withStore, inlined));
  cold.push(await renderAll(withStore, play));
  warm.push(await renderAll(withStore, play));
}
await withStore.close();
console.log(
  `Tailwind Play CDN: ${PAGES} distinct pages a round, ${viewport.width}x${viewport.height}, one at a time, ${rounds} rounds (median ms per page; range).\n`,
);
console.log("| page | ms per page | over the inlined CSS |");
console.log("| --- | --- | --- |");
const row = (name: string, values: number[]) => {
  const m = median(values);
  const extra = name.startsWith("CSS inlined") ? "" : `+${fmt(m - median(inline))} ms`;
  console.log(`| ${name} | ${fmt(m)} (${fmt(Math.min(...values))}–${fmt(Math.max(...values))}) | ${extra} |`);
};
row("CSS inlined (compiled in Node beforehand)", inline);
row("Play CDN script, first render (Tailwind compiles the page)", cold);
row("Play CDN script, same page again (compiled CSS cached)", warm);

// 3. Chrome's sandbox on against off.
const mini = await loadDataset("mini");
const jobs = await Promise.all(mini.samples.map(async (sample) => ({ html: await sample.readHtml!(), pagePath: sample.pagePath })));
const launches: Record<string, number[]> = { on: [], off: [] };
async function launch(sandbox: boolean) {
  const started = performance.now();
  const renderer = await Renderer.launch({
    assetRoot: mini.assetRoot,
    withheldFiles: mini.withheldFiles,
    viewport: mini.viewport,
    chromeSandbox: sandbox,
  });
  launches[sandbox ? "on" : "off"]!.push(performance.now() - started);
  return renderer;
}
const on = await launch(true);
const off = await launch(false);
const user = on.browserUser;
await renderAll(on, jobs);
await renderAll(off, jobs);
const perPage: Record<string, number[]> = { on: [], off: [] };
for (let round = 0; round < rounds; round++) {
  perPage.on!.push(await renderAll(on, jobs));
  perPage.off!.push(await renderAll(off, jobs));
}
await on.close();
await off.close();
for (let i = 0; i < rounds - 1; i++) {
  await (await launch(true)).close();
  await (await launch(false)).close();
}
console.log(
  `\nChrome's sandbox: mini's ${jobs.length} reference pages, ${mini.viewport.width}x${mini.viewport.height}, one at a time, ${rounds} interleaved rounds (median; range).\n`,
);
console.log("| Chrome | ms per page | launch ms |");
console.log("| --- | --- | --- |");
for (const [name, label] of [
  ["on", `sandbox on (Chrome as ${user})`],
  ["off", `--no-sandbox (as uid ${process.getuid?.()})`],
] as const) {
  const values = perPage[name]!;
  console.log(
    `| ${label} | ${fmt(median(values))} (${fmt(Math.min(...values))}–${fmt(Math.max(...values))}) | ${fmt(median(launches[name]!))} |`,
  );
}
