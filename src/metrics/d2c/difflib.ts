/**
 * Python's `difflib.SequenceMatcher(None, a, b).ratio()` (CPython 3.11, Ratcliff/Obershelp), exactly:
 * the same matching blocks, hence the same ratio to the last bit, for strings compared by Unicode code
 * point as Python iterates them (not by UTF-16 unit).
 *
 *   ratio = 2 * M / (len(a) + len(b)),  1.0 when both are empty,
 *
 * where M is the total size of the matching blocks: the longest common substring of a and b, then
 * recursively the longest ones left of it and right of it. "Longest" is the one that starts earliest
 * in a, then earliest in b. The autojunk rule: when b has 200 code points or more, every element that
 * occurs more than len(b) // 100 + 1 times in b is "popular" and cannot start a match, though a match
 * found from other elements is still extended over popular ones on both sides. Only b is examined, so
 * ratio(a, b) and ratio(b, a) can differ.
 */

/** The length from which SequenceMatcher's autojunk heuristic applies (difflib's own constant). */
const AUTOJUNK_MIN_LENGTH = 200;

/** A string as the code points Python's `str` indexes. */
export function codePoints(text: string): Int32Array {
  const codes = new Int32Array(text.length);
  let n = 0;
  for (const char of text) codes[n++] = char.codePointAt(0)!;
  return codes.subarray(0, n);
}

/** The second sequence of SequenceMatcher with its index (`b2j`: element → ascending positions), popular elements left out. */
export class MatchTarget {
  readonly codes: Int32Array;
  private readonly positions = new Map<number, Int32Array>();
  private scratch: Scratch | undefined;

  constructor(text: string) {
    this.codes = codePoints(text);
    const n = this.codes.length;
    const lists = new Map<number, number[]>();
    for (let j = 0; j < n; j++) {
      const code = this.codes[j]!;
      const list = lists.get(code);
      if (list) list.push(j);
      else lists.set(code, [j]);
    }
    const popularAbove = n >= AUTOJUNK_MIN_LENGTH ? Math.floor(n / 100) + 1 : Infinity;
    for (const [code, list] of lists) if (list.length <= popularAbove) this.positions.set(code, Int32Array.from(list));
  }

  /** `SequenceMatcher(None, a, this).ratio()`. */
  ratio(a: Int32Array): number {
    const length = a.length + this.codes.length;
    return length === 0 ? 1 : (2 * this.matchedLength(a)) / length;
  }

  /** Sum of the sizes of `get_matching_blocks()`: its recursion, order aside (the sum does not depend on it). */
  private matchedLength(a: Int32Array): number {
    const lb = this.codes.length;
    // Scratch rows are the target's own, reused from call to call: every call leaves them zero.
    const s = (this.scratch ??= {
      where: [],
      previous: new Int32Array(lb + 1),
      current: new Int32Array(lb + 1),
      previousSet: new Int32Array(lb),
      currentSet: new Int32Array(lb),
      match: new Int32Array(3),
    });
    s.where.length = a.length;
    for (let i = 0; i < a.length; i++) s.where[i] = this.positions.get(a[i]!);
    let total = 0;
    const queue: number[] = [0, a.length, 0, lb];
    while (queue.length > 0) {
      const bhi = queue.pop()!;
      const blo = queue.pop()!;
      const ahi = queue.pop()!;
      const alo = queue.pop()!;
      this.longestMatch(a, alo, ahi, blo, bhi, s);
      const i = s.match[0]!;
      const j = s.match[1]!;
      const k = s.match[2]!;
      if (k === 0) continue;
      total += k;
      if (alo < i && blo < j) queue.push(alo, i, blo, j);
      if (i + k < ahi && j + k < bhi) queue.push(i + k, ahi, j + k, bhi);
    }
    return total;
  }

  /**
   * `find_longest_match(alo, ahi, blo, bhi)` with no junk function, into `s.match` as [i, j, size].
   * j2len is kept in two rows of an array shifted by one (position -1 reads 0), cleared where written;
   * positions below blo are skipped by binary search rather than one by one, which visits the same
   * positions in the same order.
   */
  private longestMatch(a: Int32Array, alo: number, ahi: number, blo: number, bhi: number, s: Scratch): void {
    const b = this.codes;
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let previous = s.previous;
    let current = s.current;
    let previousSet = s.previousSet;
    let currentSet = s.currentSet;
    let previousCount = 0;
    for (let i = alo; i < ahi; i++) {
      let currentCount = 0;
      const js = s.where[i];
      if (js !== undefined) {
        for (let x = firstAtLeast(js, blo); x < js.length; x++) {
          const j = js[x]!;
          if (j >= bhi) break;
          const k = previous[j]! + 1;
          current[j + 1] = k;
          currentSet[currentCount++] = j + 1;
          if (k > bestsize) {
            besti = i - k + 1;
            bestj = j - k + 1;
            bestsize = k;
          }
        }
      }
      for (let x = 0; x < previousCount; x++) previous[previousSet[x]!] = 0;
      const row = previous;
      previous = current;
      current = row;
      const set = previousSet;
      previousSet = currentSet;
      currentSet = set;
      previousCount = currentCount;
    }
    for (let x = 0; x < previousCount; x++) previous[previousSet[x]!] = 0;
    // Popular elements are not junk: the match grows over equal elements on both sides, even from size 0.
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    s.match[0] = besti;
    s.match[1] = bestj;
    s.match[2] = bestsize;
  }
}

interface Scratch {
  /** b's positions of each element of a (undefined: absent or popular). */
  where: Array<Int32Array | undefined>;
  /** j2len rows (index j + 1), zero wherever not written in the current call. */
  previous: Int32Array;
  current: Int32Array;
  /** Where each row was written. */
  previousSet: Int32Array;
  currentSet: Int32Array;
  /** The last longest match: i, j, size. */
  match: Int32Array;
}

/** Index of the first element >= value in an ascending array. */
function firstAtLeast(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `difflib.SequenceMatcher(None, a, b).ratio()`. */
export function sequenceRatio(a: string, b: string): number {
  return new MatchTarget(b).ratio(codePoints(a));
}
