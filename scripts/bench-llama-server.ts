/**
 * `npm run bench:llama-server`: the managed llama-server backend on the tiny random model and
 * projector the tests use, over `mini`, at 1, 2 and 4 concurrent requests with as many slots.
 * It prints whole-run samples per second, generated tokens per second, the tool's own overhead
 * per request (generate() outside the HTTP exchange), and the server's time outside the prompt and
 * generation times it reports. BENCH_MAX_TOKENS sets the answer length (256).
 */
import { mkdtempSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "../src/datasets/index.js";
import { findLlamaServer } from "../src/model/index.js";
import { cacheDir, runBenchmark } from "../src/runner/index.js";
// The tests' GGUF writer makes the same tiny model here: nothing is downloaded.
import { writeTinyProjector, writeTinyTextModel } from "../test/helpers/gguf.js";

const maxTokens = Number(process.env.BENCH_MAX_TOKENS ?? 256);
const binary =
  findLlamaServer(cacheDir()) ??
  (() => {
    throw new Error("no llama-server: run `web2code-eval setup llama-server`");
  })();
const dir = mkdtempSync(join(tmpdir(), "w2c-bench-gguf-"));
const model = writeTinyTextModel(join(dir, "tiny.gguf"));
const mmproj = writeTinyProjector(join(dir, "tiny-mmproj.gguf"));
const dataset = await loadDataset("mini");
const cacheRoot = mkdtempSync(join(tmpdir(), "w2c-bench-cache-"));
const run = async (spec: string, slots: number) => {
  const { runs } = await runBenchmark({
    dataset: "mini",
    models: [spec],
    task: "image2html",
    out: mkdtempSync(join(tmpdir(), "w2c-bench-run-")),
    concurrency: slots,
    renderConcurrency: 2,
    renderTimeout: 15_000,
    generationTimeout: 120_000,
    cache: true,
    cacheRoot,
  });
  return runs[0]!;
};
// Reference renders are cached: fill the cache first so that every row pays the same.
await run("reference", 2);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

console.log(
  `llama-server ${binary.path}; mini (${dataset.samples.length} samples); max_tokens ${maxTokens}; ${availableParallelism()} threads\n`,
);
console.log(
  "| concurrency = slots | samples/s (whole run) | generated tokens/s (all slots) | per-request tokens/s (server) | tool overhead per request (ms) | server time outside its timings (ms) |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
for (const slots of [1, 2, 4]) {
  const spec = `llama-server:${model}?mmproj=${mmproj}&bin=${binary.path}&np=${slots}&threads=${availableParallelism()}&max_tokens=${maxTokens}`;
  const outcome = await run(spec, slots);
  const generated = outcome.records.filter((record) => record.generation.timings);
  const tokens = generated.reduce((total, record) => total + (record.generation.usage?.completion ?? 0), 0);
  const generationWallMs = generated.reduce((total, record) => total + record.ms.generate, 0) / slots;
  // The tool's share: generate() minus the HTTP exchange. The server's unreported share (decoding
  // and resizing the PNG, the projector): the exchange minus its prompt and generation times.
  const overhead = generated.map((record) => record.ms.generate - record.generation.requestMs!);
  const unreported = generated.map(
    (record) => record.generation.requestMs! - (record.generation.timings!.prompt_ms ?? 0) - (record.generation.timings!.predicted_ms ?? 0),
  );
  console.log(
    `| ${slots} | ${((outcome.records.length * 1000) / outcome.results.timing.totalMs).toFixed(2)} | ${((tokens * 1000) / generationWallMs).toFixed(0)} | ${mean(generated.map((record) => record.generation.tokensPerSecond ?? 0)).toFixed(0)} | ${mean(overhead).toFixed(1)} | ${mean(unreported).toFixed(1)} |`,
  );
}
