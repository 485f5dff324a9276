import type { TextBlock } from "../../shared/index.js";
import { area, centreDistance, d2cBlocks, type D2cBlock } from "./blocks.js";
import { colorSimilarity } from "./ciede2000.js";
import { findPossibleMerge } from "./matching.js";
import { D2C_RULES } from "./rules.js";

/** One side of a comparison: a page's text blocks and the size of its render. */
export interface BlockPage {
  blocks: readonly TextBlock[];
  width: number;
  height: number;
}

/** A matched pair after the merge search, with its three per-pair scores (boxes as fractions of each page). */
export interface D2cMatch {
  pred: D2cBlock;
  ref: D2cBlock;
  /** difflib ratio of the two texts, 0.5 or more. */
  text: number;
  /** 1 - max(|dx|, |dy|) of the two box centres. */
  position: number;
  /** max(0, 1 - CIEDE2000 / 100) of the two colours. */
  color: number;
}

/**
 * Why the four scores are what they are:
 * - `matched`: at least one pair matched; the formulas below.
 * - `no_blocks`: neither page has a text block: nothing to find and nothing invented, all four are 1.
 * - `no_pred_blocks` / `no_ref_blocks`: one page has none: nothing can match, all four are 0.
 * - `no_match`: both have blocks but no pair reaches a ratio of 0.5: all four are 0.
 */
export type D2cOutcome = "matched" | "no_blocks" | "no_pred_blocks" | "no_ref_blocks" | "no_match";

export interface D2cScores {
  outcome: D2cOutcome;
  blockMatch: number;
  text: number;
  position: number;
  color: number;
  matches: D2cMatch[];
  /** Blocks after the merge search that matched nothing. */
  unmatchedPred: D2cBlock[];
  unmatchedRef: D2cBlock[];
}

/**
 * Design2Code's Block-Match, Text, Position and Color of a prediction against its reference
 * (`visual_eval_v3_multi` at d9e038a, CLIP aside), from both pages' text blocks:
 *
 *   blocks:     each page's blocks, coordinates divided by that page's width and height, text
 *               lower-cased, blocks with one box merged; then the merge search and matching
 *               (matching.ts); pairs with a difflib ratio under 0.5 dropped. M = the pairs left.
 *   block_match = Σ_M (area_p + area_r) / (Σ_M (area_p + area_r) + Σ_unmatched area_p + Σ_unmatched area_r)
 *   text        = mean_M ratio(text_p, text_r)
 *   position    = mean_M (1 - max(|cx_p - cx_r|, |cy_p - cy_r|))      (box centres, normalised)
 *   color       = mean_M max(0, 1 - CIEDE2000(color_p, color_r) / 100)
 *
 * with the outcomes of D2cOutcome where M is empty.
 */
export function d2cScores(predPage: BlockPage, refPage: BlockPage): D2cScores {
  const pred = d2cBlocks(predPage.blocks, predPage.width, predPage.height);
  const ref = d2cBlocks(refPage.blocks, refPage.width, refPage.height);
  if (pred.length === 0 || ref.length === 0) {
    const outcome = pred.length > 0 ? "no_ref_blocks" : ref.length > 0 ? "no_pred_blocks" : "no_blocks";
    const value = outcome === "no_blocks" ? 1 : 0;
    return { outcome, blockMatch: value, text: value, position: value, color: value, matches: [], unmatchedPred: pred, unmatchedRef: ref };
  }

  const matching = findPossibleMerge(pred, ref);
  const matches: D2cMatch[] = [];
  const matchedPred = new Set<number>();
  const matchedRef = new Set<number>();
  for (const pair of matching.pairs) {
    const p = matching.pred[pair.pred]!;
    const r = matching.ref[pair.ref]!;
    const text = matching.ratio(p, r);
    if (text < D2C_RULES.matchThreshold) continue;
    matchedPred.add(pair.pred);
    matchedRef.add(pair.ref);
    matches.push({ pred: p, ref: r, text, position: 1 - centreDistance(p, r), color: colorSimilarity(p.color, r.color) });
  }
  const unmatchedPred = matching.pred.filter((_, i) => !matchedPred.has(i));
  const unmatchedRef = matching.ref.filter((_, j) => !matchedRef.has(j));
  if (matches.length === 0) {
    return { outcome: "no_match", blockMatch: 0, text: 0, position: 0, color: 0, matches, unmatchedPred, unmatchedRef };
  }

  const matchedAreas = matches.map((m) => area(m.pred) + area(m.ref));
  const unmatchedArea = sum(unmatchedPred.map(area)) + sum(unmatchedRef.map(area));
  return {
    outcome: "matched",
    blockMatch: sum(matchedAreas) / sum([unmatchedArea, ...matchedAreas]),
    text: mean(matches.map((m) => m.text)),
    position: mean(matches.map((m) => m.position)),
    color: mean(matches.map((m) => m.color)),
    matches,
    unmatchedPred,
    unmatchedRef,
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function mean(values: readonly number[]): number {
  return sum(values) / values.length;
}
