/**
 * `npm run bench:memory`: the Node process's memory over runs of 100, 500 and 1,000 samples
 * (synthetic datasets made from mini's pages, scored with the `boxes` baseline), each run in a
 * process of its own; then the time per sample with the caches cold, warm, and switched off.
 * Chrome's own processes are not counted: the browser's memory does not grow with the run, its
 * pages are reused.
 */
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBenchmark } from "../src/runner/index.js";
import { syntheticDataset } from "./synthetic-dataset.js";

const SIZES = [100, 500, 1000];
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

if (process.argv[2] === "--child") {
  // One run in this process: RSS and heap after every tenth of the samples, then the peak.
  const size = Number(process.argv[3]);
  const work = mkdtempSync(join(tmpdir(), "w2c-bench-memory-"));
  const dataset = await syntheticDataset(join(work, "dataset"), size, false);
  const marks: string[] = [];
  await runBenchmark(
    {
      dataset: dataset.root,
      models: ["boxes"],
      task: "image2html",
      out: join(work, "run"),
      concurrency: 2,
      renderConcurrency: 2,
      renderTimeout: 15_000,
      generationTimeout: 60_000,
      cache: true,
      cacheRoot: join(work, "cache"),
    },
    {
      sample: (_model, _record, done, total) => {
        if (done % (total / 10) === 0) marks.push(`${mb(process.memoryUsage().rss)}/${mb(process.memoryUsage().heapUsed)}`);
      },
    },
  );
  console.log(JSON.stringify({ size, peakMb: Math.round(process.resourceUsage().maxRSS / 1024), marks }));
  process.exit(0);
}

// `--cache-only` skips the memory runs (they take about 15 minutes on 2 cores).
if (process.argv[2] !== "--cache-only")
  console.log("| samples | peak RSS | RSS / heap at 10%, 20%, … 100% of the run (MB) |\n| --- | --- | --- |");
for (const size of process.argv[2] === "--cache-only" ? [] : SIZES) {
  const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/bench-memory.ts", "--child", String(size)], { encoding: "utf8" });
  const result = JSON.parse(out.trim().split("\n").pop()!) as { peakMb: number; marks: string[] };
  console.log(`| ${size} | ${result.peakMb} MB | ${result.marks.join(", ")} |`);
}

// Time per sample: the same 100 samples scored three times with the caches on (cold, then warm)
// and once with them off. `boxes` makes no model calls: what the warm cache saves here is the
// rendering of both pages.
const work = mkdtempSync(join(tmpdir(), "w2c-bench-cache-"));
// Distinct screenshots: no sample may hit another's cached generation within a run.
const dataset = await syntheticDataset(join(work, "dataset"), 100, true);
const cacheRoot = join(work, "cache");
const timed = async (label: string, spec: string, cache: boolean) => {
  const { runs } = await runBenchmark({
    dataset: dataset.root,
    models: [spec],
    task: "image2html",
    out: mkdtempSync(join(work, "run-")),
    concurrency: 2,
    renderConcurrency: 2,
    renderTimeout: 15_000,
    generationTimeout: 60_000,
    cache,
    cacheRoot,
    fresh: true,
  });
  console.log(`| ${label} | ${(runs[0]!.results.timing.totalMs / dataset.samples.length).toFixed(0)} ms |`);
};
// A model behind an OpenAI-compatible server that takes 500 ms a reply, at temperature 0: what
// the generation cache saves.
const server = createServer((request, response) => {
  request.resume().on("end", () =>
    setTimeout(() => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          choices: [{ message: { content: "<html><body><h1>Hello</h1><p>A page.</p></body></html>" }, finish_reason: "stop" }],
        }),
      );
    }, 500),
  );
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const slowModel = `openai:slow@http://127.0.0.1:${(server.address() as AddressInfo).port}/v1?temperature=0`;
console.log("\n| model | caches | time per sample (100 samples, concurrency 2) |\n| --- | --- | --- |");
for (const [model, spec] of [
  ["boxes (no model calls)", "boxes"],
  ["openai: 500 ms a reply", slowModel],
] as const) {
  await timed(`${model} | cold`, spec, true);
  await timed(`${model} | warm`, spec, true);
  await timed(`${model} | off (--no-cache)`, spec, false);
}
server.close();
