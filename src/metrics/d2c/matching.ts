import { linearSumAssignment } from "./assignment.js";
import { centreDistance, mergeTwo, type D2cBlock } from "./blocks.js";
import { codePoints, MatchTarget } from "./difflib.js";
import { D2C_RULES } from "./rules.js";

/** One matched pair: indices into the merged prediction and reference blocks. */
export interface MatchedIndices {
  pred: number;
  ref: number;
}

export interface Matching {
  /** The blocks after the merge search. */
  pred: D2cBlock[];
  ref: D2cBlock[];
  /** The final assignment (context bonus applied), before the 0.5 threshold. */
  pairs: MatchedIndices[];
  /** difflib ratio of a prediction block's text to a reference block's text (memoised). */
  ratio(pred: D2cBlock, ref: D2cBlock): number;
}

/**
 * Design2Code's `find_possible_merge(pred, ref, 0.1, 1)`: match the blocks on the cost -ratio by the
 * Hungarian algorithm; try merging each pair of adjacent prediction blocks, keep every merge that
 * improves the matching's mean cost by more than 0.05 (best first, no block merged twice in a round),
 * then the same for the reference blocks; repeat until no merge is kept; then match once more with
 * the context bonus. Costs, merges and tie-breaking are theirs, so the pairs are theirs, but for one
 * thing: reference blocks with equal texts take the prediction blocks matched to them by position
 * (nearerAmongEqualTexts), which changes no pair's text score.
 *
 * What is not theirs is the bookkeeping: every ratio is computed once per pair of block texts and every
 * merged block once per pair of blocks, and a candidate's cost matrix is the current one with one row
 * or column replaced, so only the assignments are solved anew.
 */
export function findPossibleMerge(predBlocks: readonly D2cBlock[], refBlocks: readonly D2cBlock[]): Matching {
  const memo = new Memo();
  let pred = [...predBlocks];
  let ref = [...refBlocks];
  let cost = memo.costMatrix(pred, ref);
  for (;;) {
    let changed = false;
    let current = assignedCosts(cost, pred.length, ref.length);
    if (pred.length >= 2 && mayGain(current)) {
      const merges: MergeCandidate[] = [];
      for (let i = 0; i + 1 < pred.length; i++) {
        const merged = memo.merged(pred[i]!, pred[i + 1]!);
        const candidate = replaceRows(cost, pred.length, ref.length, i, memo.costRow(merged, ref));
        const gain = differenceOfMeans(current, assignedCosts(candidate, pred.length - 1, ref.length));
        if (gain > D2C_RULES.mergeGain) merges.push({ index: i, gain });
      }
      if (merges.length > 0) {
        pred = mergeByList(pred, merges, memo);
        cost = memo.costMatrix(pred, ref);
        current = assignedCosts(cost, pred.length, ref.length);
        changed = true;
      }
    }
    if (ref.length >= 2 && mayGain(current)) {
      const merges: MergeCandidate[] = [];
      for (let j = 0; j + 1 < ref.length; j++) {
        const merged = memo.merged(ref[j]!, ref[j + 1]!);
        const candidate = replaceColumns(cost, pred.length, ref.length, j, memo.costColumn(pred, merged));
        const gain = differenceOfMeans(current, assignedCosts(candidate, pred.length, ref.length - 1));
        if (gain > D2C_RULES.mergeGain) merges.push({ index: j, gain });
      }
      if (merges.length > 0) {
        ref = mergeByList(ref, merges, memo);
        cost = memo.costMatrix(pred, ref);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const { rows, cols } = linearSumAssignment(withContextBonus(cost, pred.length, ref.length), pred.length, ref.length);
  const pairs = nearerAmongEqualTexts(
    Array.from(rows, (row, k) => ({ pred: row, ref: cols[k]! })),
    pred,
    ref,
  );
  return { pred, ref, pairs, ratio: (a, b) => memo.ratio(a, b) };
}

/**
 * Among the matched reference blocks that share a text, the prediction blocks matched to them are
 * given out again by position: the assignment with the least total distance between centres
 * (max(|dx|, |dy|), the distance Position scores). Every ratio, so every text score, which blocks
 * match and the 0.5 threshold stay as they were: a reference block's ratio to any prediction block
 * depends on its text alone. Only Position and Color can change.
 *
 * Why: to the cost the texts are interchangeable, and the context bonus then decides between them
 * by the costs of neighbouring blocks in document order, not by where they are. A page whose menu
 * comes back in its footer gets its first "About us" matched to the footer's (whose neighbours
 * resemble more of the menu) and the other way round, and scores Position 0.96 against itself;
 * Design2Code's code does that.
 */
function nearerAmongEqualTexts(pairs: MatchedIndices[], pred: readonly D2cBlock[], ref: readonly D2cBlock[]): MatchedIndices[] {
  const byText = new Map<string, MatchedIndices[]>();
  for (const pair of pairs) {
    const text = ref[pair.ref]!.text;
    byText.set(text, [...(byText.get(text) ?? []), pair]);
  }
  for (const group of byText.values()) {
    if (group.length < 2) continue;
    const preds = group.map((pair) => pair.pred);
    const refs = group.map((pair) => pair.ref);
    const distance = new Float64Array(group.length * group.length);
    preds.forEach((p, i) => refs.forEach((r, j) => (distance[i * group.length + j] = centreDistance(pred[p]!, ref[r]!))));
    const { cols } = linearSumAssignment(distance, group.length, group.length);
    group.forEach((pair, i) => (pair.ref = refs[cols[i]!]!));
  }
  return pairs;
}

/**
 * Whether any merge could be kept against these current costs. A candidate's gain is at most the mean
 * of what is left of the current costs, which is at most their maximum, less the mean of what is left of
 * its own, which is at least -1 (no ratio exceeds 1): when the worst current pair has a ratio of 0.95 or
 * more (a prediction that reproduces the page), no merge can gain more than 0.05, and trying them all
 * would change nothing. The margin covers the rounding of the means.
 */
function mayGain(current: readonly number[]): boolean {
  return Math.max(...current) + 1 > D2C_RULES.mergeGain - 1e-9;
}

interface MergeCandidate {
  /** Merges the block at index with the next one. */
  index: number;
  gain: number;
}

/** Ratios and merged blocks, each computed once; a block's text is indexed once as either side. */
class Memo {
  private readonly ratios = new WeakMap<D2cBlock, WeakMap<D2cBlock, number>>();
  private readonly targets = new WeakMap<D2cBlock, MatchTarget>();
  private readonly codes = new WeakMap<D2cBlock, Int32Array>();
  private readonly merges = new WeakMap<D2cBlock, WeakMap<D2cBlock, D2cBlock>>();

  /** `SequenceMatcher(None, pred.text, ref.text).ratio()`. */
  ratio(pred: D2cBlock, ref: D2cBlock): number {
    let row = this.ratios.get(pred);
    if (!row) this.ratios.set(pred, (row = new WeakMap()));
    let value = row.get(ref);
    if (value === undefined) {
      let target = this.targets.get(ref);
      if (!target) this.targets.set(ref, (target = new MatchTarget(ref.text)));
      let codes = this.codes.get(pred);
      if (!codes) this.codes.set(pred, (codes = codePoints(pred.text)));
      row.set(ref, (value = target.ratio(codes)));
    }
    return value;
  }

  merged(first: D2cBlock, second: D2cBlock): D2cBlock {
    let row = this.merges.get(first);
    if (!row) this.merges.set(first, (row = new WeakMap()));
    let block = row.get(second);
    if (!block) row.set(second, (block = mergeTwo(first, second)));
    return block;
  }

  /** `create_cost_matrix`: -ratio, row per prediction block. */
  costMatrix(pred: readonly D2cBlock[], ref: readonly D2cBlock[]): Float64Array {
    const cost = new Float64Array(pred.length * ref.length);
    pred.forEach((p, i) => ref.forEach((r, j) => (cost[i * ref.length + j] = -this.ratio(p, r))));
    return cost;
  }

  costRow(pred: D2cBlock, ref: readonly D2cBlock[]): Float64Array {
    return Float64Array.from(ref, (r) => -this.ratio(pred, r));
  }

  costColumn(pred: readonly D2cBlock[], ref: D2cBlock): Float64Array {
    return Float64Array.from(pred, (p) => -this.ratio(p, ref));
  }
}

/** The matrix with rows `at` and `at + 1` replaced by `row`. */
function replaceRows(cost: Float64Array, n: number, m: number, at: number, row: Float64Array): Float64Array {
  const out = new Float64Array((n - 1) * m);
  out.set(cost.subarray(0, at * m), 0);
  out.set(row, at * m);
  out.set(cost.subarray((at + 2) * m), (at + 1) * m);
  return out;
}

/** The matrix with columns `at` and `at + 1` replaced by `column`. */
function replaceColumns(cost: Float64Array, n: number, m: number, at: number, column: Float64Array): Float64Array {
  const out = new Float64Array(n * (m - 1));
  for (let i = 0; i < n; i++) {
    const from = i * m;
    const to = i * (m - 1);
    out.set(cost.subarray(from, from + at), to);
    out[to + at] = column[i]!;
    out.set(cost.subarray(from + at + 2, from + m), to + at + 1);
  }
  return out;
}

/**
 * `find_maximum_matching(...)`'s `current_cost` during the search, where the bonus is 0 (adding 0 leaves
 * every cost as it was): the costs of the assigned pairs, in row order.
 */
function assignedCosts(cost: Float64Array, n: number, m: number): number[] {
  const { rows, cols } = linearSumAssignment(cost, n, m);
  return Array.from(rows, (row, k) => cost[row * m + cols[k]!]!);
}

/**
 * `difference_of_means(current, updated)`: the two cost lists less their common elements (as multisets);
 * the mean of what is left of each (0 when nothing is); their difference when it is not positive, and
 * when it is, that difference only if the best (lowest) cost left in `current` is higher than the best
 * left in `updated`, else 0. Sums run in Python's order (Counter.elements(): first-seen order).
 */
export function differenceOfMeans(current: readonly number[], updated: readonly number[]): number {
  const left1 = countInOrder(current);
  const left2 = countInOrder(updated);
  for (const [value, count] of left1) {
    const other = left2.get(value);
    if (other === undefined) continue;
    const common = Math.min(count, other);
    left1.set(value, count - common);
    left2.set(value, other - common);
  }
  const unique1 = expand(left1);
  const unique2 = expand(left2);
  const mean1 = unique1.length ? sum(unique1) / unique1.length : 0;
  const mean2 = unique2.length ? sum(unique2) / unique2.length : 0;
  if (mean1 - mean2 > 0) return Math.min(...unique1) > Math.min(...unique2) ? mean1 - mean2 : 0;
  return mean1 - mean2;
}

function countInOrder(values: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function expand(counts: Map<number, number>): number[] {
  const out: number[] = [];
  for (const [value, count] of counts) for (let k = 0; k < count; k++) out.push(value);
  return out;
}

/** Python's built-in sum over floats (3.11): left to right. */
function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/**
 * `merge_blocks_by_list`: merges in order of gain (stable for equal gains); a merge drops every later
 * candidate that shares a block with it; merged-away blocks leave at the end.
 */
function mergeByList(blocks: readonly D2cBlock[], candidates: readonly MergeCandidate[], memo: Memo): D2cBlock[] {
  const out = [...blocks];
  const gone = new Set<number>();
  let pending = [...candidates].sort((x, y) => y.gain - x.gain);
  while (pending.length > 0) {
    const { index } = pending[0]!;
    out[index] = memo.merged(out[index]!, out[index + 1]!);
    gone.add(index + 1);
    pending = pending.slice(1).filter((c) => Math.abs(c.index - index) > 1);
  }
  return out.filter((_, k) => !gone.has(k));
}

/**
 * `adjust_cost_for_context(cost, 0.1, 1)`: a cost under -0.5 gets 0.1 times the sum of the two lowest
 * other costs in its 3 x 3 neighbourhood (one copy of its own value left out), which favours runs of
 * consecutive matches.
 */
function withContextBonus(cost: Float64Array, n: number, m: number): Float64Array {
  const { contextBonus, contextWindow, contextCostBelow } = D2C_RULES;
  const adjusted = Float64Array.from(cost);
  const near: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const own = cost[i * m + j]!;
      if (own >= contextCostBelow) continue;
      near.length = 0;
      for (let r = Math.max(0, i - contextWindow); r < Math.min(n, i + contextWindow + 1); r++) {
        for (let c = Math.max(0, j - contextWindow); c < Math.min(m, j + contextWindow + 1); c++) near.push(cost[r * m + c]!);
      }
      near.splice(near.indexOf(own), 1);
      near.sort((x, y) => x - y);
      // The 2 * window lowest, added as NumPy adds the two: the larger plus the smaller.
      const lowest = near.slice(0, 2 * contextWindow).reverse();
      adjusted[i * m + j] = own + contextBonus * sum(lowest);
    }
  }
  return adjusted;
}
