import type { D2cBlockMap } from "../shared/index.js";
import { PairArtifacts, type Sides } from "./artifacts.js";
import { computeOn, type MetricResults } from "./compute.js";
import { blockMap } from "./d2c/block-map.js";
import { treeStats } from "./page-tree.js";
import type { Metric, ScoredPage, TreeStats } from "./types.js";

/** What a sample's record keeps of a scored pair. */
export interface PairScores extends MetricResults {
  /** Milliseconds spent reading both pages: decoding the renders, parsing the HTML. */
  decodeMs: number;
  /** DOM statistics of both pages. */
  stats: Sides<TreeStats>;
  /** The matching behind the d2c_* scores, when a metric computed it. */
  d2c?: D2cBlockMap;
}

/**
 * Scores a page pair with the given metrics, in order: the one entry the score worker, the benches and
 * the parity scripts call. Each artifact of the pair (parsed pages, pixels, text blocks, block
 * matching) is computed once, when a metric first declares it (artifacts.ts); the pages' tree
 * statistics always are, since the record keeps them. Rejects when a render cannot be decoded.
 */
export async function scorePair(metrics: readonly Metric[], pred: ScoredPage, ref: ScoredPage): Promise<PairScores> {
  const artifacts = new PairArtifacts(pred, ref);
  const scores = await computeOn(metrics, artifacts);
  const trees = await artifacts.get("tree");
  // The d2c_* metrics computed the matching once; its picture costs nothing more.
  const matching = await artifacts.computed("d2cMatching");
  return {
    ...scores,
    decodeMs: artifacts.readingMs,
    stats: { pred: treeStats(trees.pred), ref: treeStats(trees.ref) },
    ...(matching ? { d2c: blockMap(matching) } : {}),
  };
}
