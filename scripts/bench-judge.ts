/**
 * `npm run bench:judge`: what the judge costs a sample beyond the judge model's own time.
 *
 * A local OpenAI-compatible server answers every request at once with a fixed verdict, so the wall
 * time of a verdict is the judge's own overhead: hashing both screenshots, base64 and JSON of the
 * request, the HTTP round trip on loopback, reading and checking the reply. The pairs are the mini
 * dataset's reference screenshots (1280 px wide, full page), each against the next as its
 * "prediction". Also: a cache hit (hashes and key only), and the request's size.
 *
 * BENCH_ROUNDS sets the passes over the pairs (3).
 */
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createJudge, type JudgeCache } from "../src/judge/index.js";
import { json, startServer } from "../test/helpers/http-server.js";

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const dir = "datasets/mini/screenshots";
const shots = readdirSync(dir)
  .filter((name) => name.endsWith(".png"))
  .sort()
  .map((name) => readFileSync(join(dir, name)));
const pairs = shots.map((reference, i) => ({ sampleId: `s${i}`, reference, prediction: shots[(i + 1) % shots.length]! }));
const verdict = JSON.stringify(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, 7])));

let bytes = 0;
let serverMs = 0;
const server = await startServer((request, response) => {
  const started = performance.now();
  bytes += request.body.length;
  JSON.parse(request.body);
  json(response, 200, {
    choices: [{ message: { content: verdict }, finish_reason: "stop" }],
    usage: { prompt_tokens: 1, completion_tokens: 1 },
  });
  serverMs += performance.now() - started;
});

const entries = new Map<string, string>();
const cache: JudgeCache = { get: (key) => entries.get(key), put: (key, entry) => void entries.set(key, entry) };
const signal = new AbortController().signal;

async function pass(withCache: boolean): Promise<number[]> {
  const judge = await createJudge({
    spec: `openai:bench@${server.url}/v1`,
    cacheRoot: join(tmpdir(), "w2c-bench-cache"),
    concurrency: 1,
    ...(withCache && { cache }),
  });
  await judge.open({ logDir: tmpdir(), signal });
  const times: number[] = [];
  for (const pair of pairs) {
    const started = performance.now();
    const result = await judge.judgeSample(pair, signal);
    if (!result.verdict.ok) throw new Error(result.verdict.error);
    times.push(performance.now() - started);
  }
  return times;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const imageBytes = mean(pairs.map((pair) => pair.reference.length + pair.prediction.length));

await pass(false); // warm-up: module loading, the connection pool
bytes = 0;
serverMs = 0;
const uncached: number[] = [];
for (let round = 0; round < rounds; round++) uncached.push(...(await pass(false)));
const requestBytes = bytes / uncached.length;
const serverShare = serverMs / uncached.length;
await pass(true); // fills the cache
const cached: number[] = [];
for (let round = 0; round < rounds; round++) cached.push(...(await pass(true)));
await server.close();

console.log(`pairs: ${pairs.length} x ${rounds} rounds; both screenshots ${(imageBytes / 1024).toFixed(0)} KiB on average`);
console.log(`request body: ${(requestBytes / 1024).toFixed(0)} KiB on average (base64 of both images, the rubric, the schema)`);
console.log(
  `per verdict, judge answering at once: median ${median(uncached).toFixed(1)} ms, mean ${mean(uncached).toFixed(1)} ms (of which the local server's own JSON parse ${serverShare.toFixed(1)} ms)`,
);
console.log(`per verdict from the cache: median ${median(cached).toFixed(2)} ms, mean ${mean(cached).toFixed(2)} ms`);
