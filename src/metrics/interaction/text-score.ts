import { wordDice } from "../text-similarity.js";

/**
 * How alike two OCR'd texts are: the same word measure as `text_similarity` ({@link wordDice}: F1
 * of the two word multisets after NFKC, lower-casing and dropping punctuation), so that an
 * interaction's text score and a page's read alike. Both empty → 1, one empty → 0.
 *
 * Interaction2Code scores the two strings with NLTK's `sentence_bleu`, which, given strings, counts
 * characters: the clipped precision of the candidate's character 1- to 4-grams against the
 * reference's, with a brevity penalty and no smoothing. Any text built from the right letters
 * scores well, a text under four characters scores 0, and it is not symmetric. Words are what
 * a reader of the page sees; an OCR misreading costs the one word it falls in
 * (docs/metrics.md#interaction-scores-building-blocks).
 */
export function textScore(refText: string, predText: string): number {
  return wordDice(predText, refText);
}
