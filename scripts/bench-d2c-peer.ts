/**
 * `npm run bench:d2c:peer -- --dataset D --predictions P --d2c-root D2C [--limit 8]`: the time to score
 * page pairs with Design2Code's scores, ours against Design2Code's own code (run by
 * ../shared/tools/d2c-peer/run_peer.py), side by side on the same pairs and the same machine, one after
 * the other. D is a Design2Code folder (`N.html` + `N.png`, its assets beside), P a folder of
 * predictions `N.html` (e.g. a set of `npm run parity:sets`); the first LIMIT pages of D that P holds
 * are the pairs. D2C is Design2Code's code at d9e038a (see the peer's README).
 *
 * Ours: `score` of those pairs (both pages rendered, nothing cached, no libraries, as the peer has no
 * network), every score computed, once with two render workers (its throughput) and once one pair at a
 * time; theirs: one pair at a time, as its code runs, the wall time of its `visual_eval_v3_multi` per pair.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadDataset } from "../src/datasets/index.js";
import { aggregateValues, markdownTable } from "../src/results/index.js";
import { runBenchmark } from "../src/runner/index.js";

const { values } = parseArgs({
  options: {
    dataset: { type: "string" },
    predictions: { type: "string" },
    "d2c-root": { type: "string" },
    limit: { type: "string", default: "8" },
    peer: { type: "string", default: new URL("../../shared/tools/d2c-peer/run_peer.py", import.meta.url).pathname },
  },
});
if (!values.dataset || !values.predictions || !values["d2c-root"]) {
  throw new Error("usage: npm run bench:d2c:peer -- --dataset D --predictions P --d2c-root D2C [--limit 8]");
}
const predictions = resolve(values.predictions);
const dataset = await loadDataset(values.dataset);
const chosen = dataset.samples.filter((sample) => existsSync(join(predictions, `${sample.id}.html`))).slice(0, Number(values.limit));

// Both sides read the same two flat folders: the chosen references with the dataset's other files, and their predictions.
const work = mkdtempSync(join(tmpdir(), "w2c-bench-d2c-peer-"));
const [refDir, predDir] = [join(work, "ref"), join(work, "pred")];
mkdirSync(refDir);
mkdirSync(predDir);
const pageFile = /^(.+)\.(html|png)$/;
const others = readdirSync(dataset.root).filter((name) => !pageFile.test(name));
for (const name of others) copyFileSync(join(dataset.root, name), join(refDir, name));
for (const name of others) copyFileSync(join(dataset.root, name), join(predDir, name));
for (const { id } of chosen) {
  for (const extension of ["html", "png"]) copyFileSync(join(dataset.root, `${id}.${extension}`), join(refDir, `${id}.${extension}`));
  copyFileSync(join(predictions, `${id}.html`), join(predDir, `${id}.html`));
}

async function ours(workers: number): Promise<number> {
  const [run] = (
    await runBenchmark({
      dataset: refDir,
      models: [`replay:${predDir}`],
      task: "image2html",
      out: join(work, `ours-${workers}`),
      concurrency: workers,
      renderConcurrency: workers,
      renderTimeout: 60_000,
      generationTimeout: 60_000,
      cache: false,
      libraries: false,
      fresh: true,
    })
  ).runs;
  const failed = run!.records.filter((record) => record.status !== "ok").length;
  if (failed) throw new Error(`ours: ${failed} of ${chosen.length} pairs failed`);
  return run!.results.timing.totalMs / 1000 / chosen.length;
}

const oursThroughput = await ours(2);
const oursOneAtATime = await ours(1);
const peer = JSON.parse(
  execFileSync(
    "/usr/bin/python3",
    [
      values.peer,
      "--d2c-root",
      resolve(values["d2c-root"]),
      "--ref",
      refDir,
      "--pred",
      predDir,
      "--work",
      join(work, "peer"),
      "--no-pre-process",
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] },
  ),
) as { pages: Array<{ id: string; seconds: number; error?: string }> };
const theirs = peer.pages.filter((page) => page.error === undefined).map((page) => page.seconds);
const theirsMedian = aggregateValues(theirs).median;
const theirsMean = aggregateValues(theirs).mean;

console.log(`${chosen.length} page pairs of ${dataset.id} (${chosen.map((s) => s.id).join(", ")}), predictions from ${predictions}\n`);
console.log(
  markdownTable(
    ["", "seconds per pair", "Design2Code's (median / mean) over ours"],
    [
      [
        `Design2Code's code, one pair at a time (${theirs.length} scored)`,
        `${theirsMedian.toFixed(1)} median, ${theirsMean.toFixed(1)} mean`,
        "",
      ],
      [
        "ours, two render workers (a run's throughput)",
        oursThroughput.toFixed(3),
        `${(theirsMedian / oursThroughput).toFixed(0)}x / ${(theirsMean / oursThroughput).toFixed(0)}x`,
      ],
      [
        "ours, one pair at a time",
        oursOneAtATime.toFixed(3),
        `${(theirsMedian / oursOneAtATime).toFixed(0)}x / ${(theirsMean / oursOneAtATime).toFixed(0)}x`,
      ],
    ],
  ),
);
