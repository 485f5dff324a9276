// The parity table of the README: our d2c_* scores beside Design2Code's own code (../shared/tools/d2c-peer),
// page by page, and the time per page pair of each.
//
//   npm run parity:d2c -- --peer PEER_DIR --ours RUNS_DIR
//
// PEER_DIR/<set>.json is run_peer.py's stdout for one page set, or <set>.<part>.json for a set run in parts
// with --ids (for a part still going or cut short, its stderr log <set>.<part>.err, whose `[run_peer] {...}`
// lines hold the pages done so far); RUNS_DIR/<set> is
// our run of the same predictions (`web2code-eval score --no-libraries --no-cache`). Sets come from
// `npm run parity:sets`. Pages are joined by id; a page that failed on either side is counted, not scored.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { aggregateValues, markdownTable, readRun, type SampleRecord } from "../../src/results/index.js";

/** The targets, per score: mean absolute per-page difference, difference of means. */
const MAX_MEAN_ABS_DIFF = 0.03;
const MAX_DIFF_OF_MEANS = 0.01;

const SCORES = { block_match: "d2c_block_match", text: "d2c_text", position: "d2c_position", color: "d2c_color" } as const;
type PeerScore = keyof typeof SCORES;

interface PeerPage {
  id: string;
  seconds: number;
  /** The part of `seconds` spent in their six browser launches and screenshots. */
  screenshot_seconds?: number;
  error?: string;
  block_match?: number;
  text?: number;
  position?: number;
  color?: number;
}

/** One file name of the peer's output: `<set>.json`, or `<set>.<part>.json` for a set run in parts (`--ids`). */
const PEER_FILE = /^(([^.]+)(?:\.\w+)?)\.(?:json|err)$/;

/** The peer's output files by set: each set's parts, each part a JSON and/or a stderr log. */
function peerParts(dir: string): Map<string, Set<string>> {
  const parts = new Map<string, Set<string>>();
  for (const name of readdirSync(dir)) {
    const match = PEER_FILE.exec(name);
    if (match) parts.set(match[2]!, (parts.get(match[2]!) ?? new Set()).add(match[1]!));
  }
  return parts;
}

/** Every page of a set over its parts; a part's JSON where it finished, else its stderr log's page lines. */
function readPeer(dir: string, parts: ReadonlySet<string>): PeerPage[] {
  return [...parts].sort().flatMap((part) => {
    const json = join(dir, `${part}.json`);
    const text = existsSync(json) ? readFileSync(json, "utf8") : "";
    if (text.trim()) return (JSON.parse(text) as { pages: PeerPage[] }).pages;
    return readFileSync(join(dir, `${part}.err`), "utf8")
      .split("\n")
      .filter((line) => line.startsWith("[run_peer] {"))
      .map((line) => JSON.parse(line.slice("[run_peer] ".length)) as PeerPage);
  });
}

const mean = (values: readonly number[]) => aggregateValues(values).mean;
const median = (values: readonly number[]) => aggregateValues(values).median;
const fixed = (value: number, digits = 3) => value.toFixed(digits);

interface Pair {
  set: string;
  id: string;
  ours: number;
  theirs: number;
}

const { values } = parseArgs({ options: { peer: { type: "string" }, ours: { type: "string" } } });
if (!values.peer || !values.ours) throw new Error("usage: npm run parity:d2c -- --peer PEER_DIR --ours RUNS_DIR");
const peerDir = resolve(values.peer);
const oursDir = resolve(values.ours);
const sets = [...peerParts(peerDir)].filter(([set]) => existsSync(join(oursDir, set))).sort(([a], [b]) => a.localeCompare(b));

const pairs = new Map<PeerScore, Pair[]>(Object.keys(SCORES).map((score) => [score as PeerScore, []]));
const timeRows: string[][] = [];
const scoreRows: string[][] = [];
for (const [set, parts] of sets) {
  const peerPages = readPeer(peerDir, parts);
  const run = readRun(join(oursDir, set));
  const ours = new Map<string, SampleRecord>(run.records.map((record) => [record.id, record]));
  const joined = peerPages.flatMap((page) => {
    const record = ours.get(page.id);
    return record && record.status === "ok" && page.error === undefined ? [{ page, record }] : [];
  });
  const failed = peerPages.length - joined.length;
  for (const [score, metric] of Object.entries(SCORES) as [PeerScore, string][]) {
    const setPairs = joined.flatMap(({ page, record }) => {
      const [o, t] = [record.metrics[metric], page[score]];
      return typeof o === "number" && typeof t === "number" ? [{ set, id: page.id, ours: o, theirs: t }] : [];
    });
    pairs.get(score)!.push(...setPairs);
    scoreRows.push(row(set, score, setPairs));
  }
  timeRows.push(timeRow(set, joined, failed, run.results.timing.totalMs / 1000 / run.records.length, run.records.length));
}

/** How far apart the two sides are over some pairs. */
function compared(pairs: readonly Pair[]) {
  const ours = mean(pairs.map((pair) => pair.ours));
  const theirs = mean(pairs.map((pair) => pair.theirs));
  const gap = (pair: Pair) => Math.abs(pair.ours - pair.theirs);
  const worst = pairs.reduce((a, b) => (gap(b) > gap(a) ? b : a));
  return { ours, theirs, absDiff: mean(pairs.map(gap)), diffOfMeans: Math.abs(ours - theirs), worst, largest: gap(worst) };
}

function row(set: string, score: string, setPairs: readonly Pair[]): string[] {
  if (setPairs.length === 0) return [set, score, "0", "", "", "", ""];
  const { ours, theirs, absDiff, worst, largest } = compared(setPairs);
  return [
    set,
    score,
    String(setPairs.length),
    fixed(ours),
    fixed(theirs),
    fixed(absDiff),
    largest < 0.0005 ? fixed(0) : `${fixed(largest)} (${worst.id})`,
  ];
}

/**
 * Their time is per page pair, one pair at a time. Ours is throughput: the run's wall time over its
 * pages, since a run overlaps pairs (render workers, scoring threads) and a pair's own stage times
 * include its wait for a worker.
 */
function timeRow(set: string, joined: readonly { page: PeerPage }[], failed: number, oursWall: number, oursPages: number): string[] {
  if (joined.length === 0) return [set, "0", String(failed), "", "", "", ""];
  const theirs = median(joined.map(({ page }) => page.seconds));
  const screenshots = median(joined.map(({ page }) => page.screenshot_seconds ?? 0));
  return [
    set,
    String(joined.length),
    String(failed),
    fixed(theirs, 1),
    fixed(screenshots, 1),
    `${fixed(oursWall, 2)} (${oursPages})`,
    `${Math.round(theirs / oursWall)}x`,
  ];
}

console.log("Per score over every set (targets: mean absolute difference at most 0.03, difference of means at most 0.01):\n");
console.log(
  markdownTable(
    ["score", "pages", "ours mean", "theirs mean", "mean abs diff", "diff of means", "target"],
    [...pairs]
      .filter(([, all]) => all.length > 0)
      .map(([score, all]) => {
        const { ours, theirs, absDiff, diffOfMeans } = compared(all);
        const met = absDiff <= MAX_MEAN_ABS_DIFF && diffOfMeans <= MAX_DIFF_OF_MEANS;
        return [score, String(all.length), fixed(ours), fixed(theirs), fixed(absDiff), fixed(diffOfMeans), met ? "met" : "missed"];
      }),
  ),
);
const selfPairs = [...pairs.values()].flat().filter((pair) => pair.set === "self");
if (selfPairs.length) {
  const selfExact = selfPairs.every((pair) => pair.ours === 1) ? "exactly 1" : "not all 1";
  console.log(`\nSelf-score (each page against itself), ours: ${selfExact} on ${selfPairs.length} page-scores.`);
}
console.log("\nPer set:\n");
console.log(markdownTable(["set", "score", "pages", "ours mean", "theirs mean", "mean abs diff", "largest diff (page)"], scoreRows));
console.log("\nSeconds per page pair (theirs: median of one pair at a time; ours: the run's wall time per page, over the run's pages):\n");
console.log(markdownTable(["set", "pages", "failed", "Design2Code's", "of which screenshots", "ours (run's pages)", "faster"], timeRows));
