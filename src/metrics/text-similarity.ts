import type { Metric } from "./types.js";

// Scripts written without spaces between words: each character is one word,
// so that a CJK page is not a single giant token.
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
// A word is one CJK character, or a run of letters, combining marks (which
// belong to their letter, as in Devanagari) and digits that holds no CJK
// character. Everything else (whitespace, punctuation, symbols) separates words.
const WORD = new RegExp(String.raw`[${CJK}]|(?:(?![${CJK}])[\p{L}\p{M}\p{N}])+`, "gu");

/** Normalised words of a text: NFKC (full-width forms, ligatures), lower case, then WORD matches. */
export function words(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().match(WORD) ?? [];
}

function countWords(list: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of list) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/**
 * 2 * |P ∩ R| / (|P| + |R|)
 *
 * where P and R are the multisets of normalised words (see `words`) of the two
 * texts, |X| counts words with repetition, and |P ∩ R| = sum over words w of
 * min(countP(w), countR(w)). Both texts empty → 1; exactly one empty → 0.
 * Symmetric.
 *
 * This is the Dice coefficient, i.e. the F1 of word precision and recall.
 * It ignores word order on purpose: it is exact and O(n), with no alignment
 * heuristics, and where the text sits on the page is measured by the pixel
 * and position scores.
 */
export function wordDice(predText: string, refText: string): number {
  const predWords = words(predText);
  const refWords = words(refText);
  const total = predWords.length + refWords.length;
  if (total === 0) return 1;
  const refCounts = countWords(refWords);
  let shared = 0;
  for (const [word, count] of countWords(predWords)) shared += Math.min(count, refCounts.get(word) ?? 0);
  return (2 * shared) / total;
}

/** text_similarity: {@link wordDice} of the prediction's and the reference's visible text (the DOM's). */
export const textSimilarity: Metric<"tree"> = {
  id: "text_similarity",
  version: 1,
  description:
    "Dice (F1) overlap of the word multisets of the visible text after NFKC and lower-casing, each CJK character counting as a word.",
  higherIsBetter: true,
  artifacts: ["tree"],
  compute: ({ tree }) => wordDice(tree.pred.text, tree.ref.text),
};
