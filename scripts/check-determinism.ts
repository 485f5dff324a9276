/**
 * `npm run check:determinism -- DATASET [--load 4] [--limit N] [--keep DIR]`: renders every page of a dataset twice,
 * one whole pass after the other, while LOAD other scoring runs of the same dataset load the machine
 * (each `score` of the dataset's pages against themselves, no cache), and compares the two renders of
 * each page: size, every pixel, and the text blocks the d2c_* scores read. Prints the pages that
 * differ, with how (and where: the box holding every differing pixel); exit 1 when any does. `--keep DIR`
 * writes both renders of each page that differs there (`<id>.first.png`, `<id>.second.png`), to look at.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadDataset } from "../src/datasets/index.js";
import { decodePng } from "../src/shared/png.js";
import { Renderer, type RenderResult } from "../src/render/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { load: { type: "string", default: "4" }, limit: { type: "string" }, keep: { type: "string" } },
});
const datasetSpec = positionals[0];
if (!datasetSpec) throw new Error("usage: npm run check:determinism -- DATASET [--load 4] [--limit N] [--keep DIR]");
const dataset = await loadDataset(datasetSpec);
const samples = dataset.samples.slice(0, values.limit === undefined ? undefined : Number(values.limit));
const pages = await Promise.all(
  samples.map(async (sample) => ({ id: sample.id, pagePath: sample.pagePath, html: await sample.readHtml!() })),
);

// The load: scoring runs as a user starts them, from this checkout's source.
const scratch = mkdtempSync(join(tmpdir(), "w2c-determinism-"));
const cli = new URL("../src/cli/main.ts", import.meta.url).pathname;
const load: ChildProcess[] = Array.from({ length: Number(values.load) }, (_, k) =>
  spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      cli,
      "score",
      "--dataset",
      datasetSpec,
      "--predictions",
      dataset.root,
      "--out",
      join(scratch, `load-${k}`),
      "--no-cache",
      "--quiet",
    ],
    { stdio: "ignore", detached: true },
  ),
);
const stopLoad = () => {
  for (const child of load)
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGTERM");
};
process.once("exit", stopLoad);
// Let the load runs start their browsers before measuring.
await new Promise((resolve) => setTimeout(resolve, 10_000));

const renderer = await Renderer.launch({ assetRoot: dataset.assetRoot, viewport: dataset.viewport, concurrency: 2, timeoutMs: 60_000 });
const pass = () => Promise.all(pages.map((page) => renderer.render({ html: page.html, pagePath: page.pagePath })));
const started = performance.now();
const first = await pass();
const second = await pass();
const seconds = (performance.now() - started) / 1000;
await renderer.close();

/** How two renders of one page differ; empty when they do not. */
async function difference(a: RenderResult, b: RenderResult): Promise<string> {
  if (!a.ok || !b.ok) return `failed: ${a.ok ? "" : a.error} ${b.ok ? "" : b.error}`;
  if (a.facts.width !== b.facts.width || a.facts.height !== b.facts.height) {
    return `size ${a.facts.width}x${a.facts.height} then ${b.facts.width}x${b.facts.height}`;
  }
  const [x, y] = await Promise.all([decodePng(a.png), decodePng(b.png)]);
  let pixels = 0;
  const box = { left: Infinity, top: Infinity, right: -1, bottom: -1 };
  for (let i = 0; i < x.data.length; i += 4) {
    if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2] || x.data[i + 3] !== y.data[i + 3]) {
      pixels++;
      const [column, row] = [(i / 4) % x.width, Math.floor(i / 4 / x.width)];
      box.left = Math.min(box.left, column);
      box.top = Math.min(box.top, row);
      box.right = Math.max(box.right, column);
      box.bottom = Math.max(box.bottom, row);
    }
  }
  if (pixels > 0) return `${pixels} pixels differ, within x ${box.left}-${box.right}, y ${box.top}-${box.bottom}`;
  return JSON.stringify(a.facts.textBlocks) === JSON.stringify(b.facts.textBlocks) ? "" : "text blocks differ";
}

const differing: string[] = [];
for (const [k, page] of pages.entries()) {
  const how = await difference(first[k]!, second[k]!);
  if (!how) continue;
  differing.push(`${page.id}: ${how}`);
  if (values.keep !== undefined) {
    mkdirSync(values.keep, { recursive: true });
    for (const [pass, result] of [
      ["first", first[k]!],
      ["second", second[k]!],
    ] as const)
      if (result.ok) writeFileSync(join(values.keep, `${page.id}.${pass}.png`), result.png);
  }
}
console.log(
  `${dataset.id}: ${pages.length} pages rendered twice (${seconds.toFixed(0)} s, ${load.length} scoring runs loading the machine): ` +
    `${pages.length - differing.length} identical (pixels and text blocks), ${differing.length} not`,
);
for (const line of differing) console.log(`  ${line}`);
process.exitCode = differing.length ? 1 : 0;

// Only after the verdict is printed: the load runs write into the scratch folder until they have exited.
const exited = load.map(
  (child) => new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once("exit", resolve) : resolve(null))),
);
stopLoad();
await Promise.all(exited);
rmSync(scratch, { recursive: true, force: true, maxRetries: 5 });
