// The parity tables of docs/parity.md: our d2c_* scores beside Design2Code's own code (../shared/tools/d2c-peer),
// page by page, and the time per page pair of each.
//
//   npm run parity:d2c -- --ours RUNS_DIR --peer [LABEL=]PEER_DIR [--peer LABEL=PEER_DIR ...] [--json PAIRS.json]
//
// PEER_DIR/<set>.json is run_peer.py's stdout for one page set, or <set>.<part>.json for a set run in parts
// with --ids (for a part still going or cut short, its stderr log <set>.<part>.err, whose `[run_peer] {...}`
// lines hold the pages done so far); RUNS_DIR/<set> is
// our run of the same predictions (`web2code-eval score --no-libraries --no-cache`). Sets come from
// `npm run parity:sets`. Pages are joined by id; a page that failed on either side is counted, not scored.
// Each --peer (e.g. asis=DIR reserialised=DIR: their code as is and with --reserialise) gets its own tables,
// the pairs more than 0.05 apart listed one by one; --json writes every joined pair, for the record.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { aggregateValues, markdownTable, readRun, type SampleRecord } from "../../src/results/index.js";

/** The targets, per score: mean absolute per-page difference, difference of means. */
const MAX_MEAN_ABS_DIFF = 0.03;
const MAX_DIFF_OF_MEANS = 0.01;
/** A pair further apart than this is listed on its own, for its cause to be found. */
const LIST_ABOVE = 0.05;

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
  score: PeerScore;
  ours: number;
  theirs: number;
}

const { values } = parseArgs({
  options: { peer: { type: "string", multiple: true }, ours: { type: "string" }, json: { type: "string" } },
});
if (!values.peer?.length || !values.ours) {
  throw new Error("usage: npm run parity:d2c -- --ours RUNS_DIR --peer [LABEL=]PEER_DIR [--peer LABEL=PEER_DIR ...] [--json FILE]");
}
const oursDir = resolve(values.ours);

/** One peer folder against our runs: every joined pair, and a row of times per set. */
function joinPeer(peerDir: string): { pairs: Pair[]; timeRows: string[][] } {
  const sets = [...peerParts(peerDir)].filter(([set]) => existsSync(join(oursDir, set))).sort(([a], [b]) => a.localeCompare(b));
  const pairs: Pair[] = [];
  const timeRows: string[][] = [];
  for (const [set, parts] of sets) {
    const peerPages = readPeer(peerDir, parts);
    const run = readRun(join(oursDir, set));
    const ours = new Map<string, SampleRecord>(run.records.map((record) => [record.id, record]));
    const joined = peerPages.flatMap((page) => {
      const record = ours.get(page.id);
      return record && record.status === "ok" && page.error === undefined ? [{ page, record }] : [];
    });
    for (const { page, record } of joined) {
      for (const [score, metric] of Object.entries(SCORES) as [PeerScore, string][]) {
        const [o, t] = [record.metrics[metric], page[score]];
        if (typeof o === "number" && typeof t === "number") pairs.push({ set, id: page.id, score, ours: o, theirs: t });
      }
    }
    const oursWall = run.results.timing.totalMs / 1000 / run.records.length;
    timeRows.push(timeRow(set, joined, peerPages.length - joined.length, oursWall, run.records.length));
  }
  return { pairs, timeRows };
}

const gap = (pair: Pair) => Math.abs(pair.ours - pair.theirs);

/** How far apart the two sides are over some pairs, and whether that meets the targets. */
function compared(pairs: readonly Pair[]) {
  const ours = mean(pairs.map((pair) => pair.ours));
  const theirs = mean(pairs.map((pair) => pair.theirs));
  const worst = pairs.reduce((a, b) => (gap(b) > gap(a) ? b : a));
  const [absDiff, diffOfMeans] = [mean(pairs.map(gap)), Math.abs(ours - theirs)];
  const met = absDiff <= MAX_MEAN_ABS_DIFF && diffOfMeans <= MAX_DIFF_OF_MEANS;
  return { ours, theirs, absDiff, diffOfMeans, worst, largest: gap(worst), met };
}

/** A row of the per-score or per-set table: the first cells name the group; nothing compared where it has no pairs. */
function row(names: readonly string[], pairs: readonly Pair[]): string[] {
  if (pairs.length === 0) return [...names, "0", "", "", "", "", "", ""];
  const { ours, theirs, absDiff, diffOfMeans, worst, largest, met } = compared(pairs);
  const largestCell = largest < 0.0005 ? fixed(0) : `${fixed(largest)} (${worst.id})`;
  const means = [ours, theirs, absDiff, diffOfMeans].map((value) => fixed(value));
  return [...names, String(pairs.length), ...means, met ? "met" : "missed", largestCell];
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

/** The pairs of one score, and of one set where named. */
const pairsOf = (pairs: readonly Pair[], score: PeerScore, set?: string) =>
  pairs.filter((pair) => pair.score === score && (set === undefined || pair.set === set));
const SCORE_NAMES = Object.keys(SCORES) as PeerScore[];
const COMPARED = ["pairs", "ours mean", "theirs mean", "mean abs diff", "diff of means", "target", "largest diff (page)"];
const APART = ["set", "page", "score", "ours", "theirs", "ours - theirs", "cause"];
const TIMES = ["set", "pages", "failed", "Design2Code's", "of which screenshots", "ours (run's pages)", "faster"];

const records: (Pair & { peer: string })[] = [];
for (const spec of values.peer) {
  const [, label = "peer", dir = spec] = /^(?:([\w-]+)=)?(.*)$/.exec(spec)!;
  const { pairs, timeRows } = joinPeer(resolve(dir));
  records.push(...pairs.map((pair) => ({ peer: label, ...pair })));
  const sets = [...new Set(pairs.map((pair) => pair.set))];
  console.log(`## Against ${label} (${resolve(dir)})\n`);
  console.log(`Per score over every set (targets: mean abs diff at most ${MAX_MEAN_ABS_DIFF}, means within ${MAX_DIFF_OF_MEANS}):\n`);
  const scoreRows = SCORE_NAMES.map((score) => row([score], pairsOf(pairs, score)));
  console.log(markdownTable(["score", ...COMPARED], scoreRows));
  const selfPairs = pairs.filter((pair) => pair.set === "self");
  const exact = (side: "ours" | "theirs") => (selfPairs.every((pair) => pair[side] === 1) ? "exactly 1" : "not all 1");
  if (selfPairs.length) console.log(`\nSelf-score on ${selfPairs.length} page-scores: ours ${exact("ours")}, theirs ${exact("theirs")}.`);
  console.log("\nPer set:\n");
  const setRows = sets.flatMap((set) => SCORE_NAMES.map((score) => row([set, score], pairsOf(pairs, score, set))));
  console.log(markdownTable(["set", "score", ...COMPARED], setRows));
  const apart = pairs.filter((pair) => gap(pair) > LIST_ABOVE);
  console.log(`\n${apart.length} of ${pairs.length} page-scores differ by more than ${LIST_ABOVE}${apart.length ? ":\n" : "."}`);
  const cells = (pair: Pair) => [pair.ours, pair.theirs, pair.ours - pair.theirs].map((value) => fixed(value));
  const apartRow = (pair: Pair) => [pair.set, pair.id, pair.score, ...cells(pair), ""];
  if (apart.length) console.log(markdownTable(APART, apart.map(apartRow)));
  console.log("\nSeconds per page pair (theirs: median of one pair at a time; ours: the run's wall time per page, over its pages):\n");
  console.log(`${markdownTable(TIMES, timeRows)}\n`);
}
if (values.json) writeFileSync(resolve(values.json), `${JSON.stringify(records, null, 1)}\n`);
