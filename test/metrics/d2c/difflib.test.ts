import { describe, expect, it } from "vitest";
import { codePoints, sequenceRatio } from "../../../src/metrics/d2c/difflib.js";

/*
 * Every expected value below was computed by CPython 3.11's own difflib (Debian 12, /usr/bin/python3):
 *   from difflib import SequenceMatcher; SequenceMatcher(None, a, b).ratio()
 * over the same strings (the long ones built by the same expressions, the random ones by the same LCG),
 * and pasted here unrounded: the port must agree to the last bit.
 */

const LOREM =
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. " +
  "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.";

const FIXED: Array<[string, string, string, number]> = [
  ["both empty", "", "", 1.0],
  ["b empty", "abc", "", 0.0],
  ["a empty", "", "abc", 0.0],
  ["shifted", "abcd", "bcde", 0.75],
  ["equal", "abcd", "abcd", 1.0],
  ["accents", "héllo wörld", "hello world", 0.8181818181818182],
  ["astral code points count once", "a😀b", "a😀c", 0.6666666666666666],
  ["astral, uneven", "😀😀", "😀", 0.6666666666666666],
  ["CJK", "日本語のテキスト", "日本語テキスト", 0.9333333333333333],
  ["an insertion", "private Thread currentThread;", "private volatile Thread currentThread;", 0.8656716417910447],
  ["all popular, extended from size 0", "a".repeat(300), "a".repeat(250), 0.9090909090909091],
  ["all popular, other way", "a".repeat(250), "a".repeat(300), 0.9090909090909091],
  ["long, one word changed", LOREM, LOREM.replaceAll("dolor", "color"), 0.9913419913419913],
  ["a twice as long", `${LOREM} ${LOREM}`, LOREM, 0.6657060518731989],
  ["b twice as long (autojunk on b)", LOREM, `${LOREM} ${LOREM}`, 0.6657060518731989],
  ["every element popular: nothing matches", "x" + "ab".repeat(150), "ab".repeat(150) + "y", 0.0],
  ["199 long: no autojunk", "b".repeat(199) + "a", "a" + "b".repeat(199), 0.005],
  ["200 long: autojunk", "b".repeat(200) + "a", "a" + "b".repeat(200), 0.004975124378109453],
  ["short a, long repetitive b", "the quick brown fox", "the lazy dog jumps over the quick brown fox".repeat(5), 0.03418803418803419],
];

/** The LCG of the Python script: state = (state * 1103515245 + 12345) mod 2^31. */
function lcgStrings(seed: number, count: number, alphabet: string, maxLen: number): string[] {
  let state = BigInt(seed);
  const next = (): number => {
    state = (state * 1103515245n + 12345n) % 2147483648n;
    return Number(state);
  };
  const letters = [...alphabet];
  const out: string[] = [];
  for (let s = 0; s < count; s++) {
    const n = next() % (maxLen + 1);
    let text = "";
    for (let c = 0; c < n; c++) text += letters[next() % letters.length];
    out.push(text);
  }
  return out;
}

const RANDOM: Array<{ seed: number; alphabet: string; maxLen: number; ratios: number[] }> = [
  {
    seed: 1,
    alphabet: "ab",
    maxLen: 40,
    ratios: [
      0.17647058823529413, 0.1, 0.7083333333333334, 0.9803921568627451, 0.9122807017543859, 0.8985507246376812, 0.6037735849056604,
      0.05263157894736842, 0.7619047619047619, 0.7272727272727273, 0.7692307692307693, 0.4117647058823529, 0.6792452830188679, 0.5, 0.0,
      0.7272727272727273, 0.2631578947368421, 0.7692307692307693, 0.9130434782608695, 0.16666666666666666,
    ],
  },
  {
    seed: 2,
    alphabet: "abc ",
    maxLen: 300,
    ratios: [
      0.5614035087719298, 0.0, 0.24472573839662448, 0.03986710963455149, 0.0, 0.6666666666666666, 0.0, 0.2978723404255319,
      0.049586776859504134, 0.1310344827586207, 0.5027027027027027, 0.0, 0.0, 0.8656716417910447, 0.8258064516129032, 0.0,
      0.3898305084745763, 0.7111111111111111, 0.7777777777777778, 0.0,
    ],
  },
  {
    seed: 3,
    alphabet: "ab c😀é",
    maxLen: 450,
    ratios: [
      0.0, 0.3466666666666667, 0.0, 0.0, 0.0026041666666666665, 0.11711711711711711, 0.0, 0.5242718446601942, 0.33707865168539325,
      0.327710843373494, 0.0, 0.13626373626373625, 0.0047169811320754715, 0.0, 0.1848184818481848, 0.0, 0.00966183574879227, 0.0, 0.0,
      0.40358744394618834,
    ],
  },
  {
    seed: 4,
    alphabet: "abcdefghij ",
    maxLen: 260,
    ratios: [
      0.04, 0.24472573839662448, 0.0, 0.0, 0.11707317073170732, 0.224, 0.23204419889502761, 0.0, 0.32209737827715357, 0.08620689655172414,
      0.2484472049689441, 0.2621951219512195, 0.24120603015075376, 0.2366412213740458, 0.26285714285714284, 0.311284046692607,
      0.3076923076923077, 0.2857142857142857, 0.21671826625386997, 0.27555555555555555,
    ],
  },
];

describe("sequenceRatio (difflib.SequenceMatcher(None, a, b).ratio())", () => {
  it.each(FIXED)("%s", (_name, a, b, expected) => {
    expect(sequenceRatio(a, b)).toBe(expected);
  });

  it.each(RANDOM)(
    "agrees with Python on 20 random pairs (seed $seed, alphabet '$alphabet', up to $maxLen)",
    ({ seed, alphabet, maxLen, ratios }) => {
      const strings = lcgStrings(seed, 40, alphabet, maxLen);
      const ours = ratios.map((_, k) => sequenceRatio(strings[2 * k]!, strings[2 * k + 1]!));
      expect(ours).toEqual(ratios);
    },
  );

  it("indexes code points, not UTF-16 units", () => {
    expect([...codePoints("a😀é")]).toEqual([0x61, 0x1f600, 0xe9]);
  });
});
