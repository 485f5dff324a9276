import { words } from "./text-similarity.js";
import type { AnswerMetric } from "./types.js";

/**
 * qa_exact, the strict rule beside Web2Code's: both texts are cut into normalised words as
 * text_similarity does (NFKC, lower case, runs of letters, marks and digits; punctuation, `</s>`'s
 * brackets and spaces separate words); the answer is right when its first words, as many as the
 * gold answer has (one for yes/no), equal the gold answer's words. So "Yes." and "yes, it does"
 * are right for "Yes", "Not sure" is wrong for "No", and an empty gold answer matches nothing.
 */
export const qaExact: AnswerMetric = {
  id: "qa_exact",
  version: 1,
  description: "The answer's first word (first words, for a longer gold answer), NFKC-normalised and lower-cased, equals the gold answer.",
  higherIsBetter: true,
  score(answer, gold) {
    const expected = words(gold);
    const said = words(answer).slice(0, expected.length);
    return expected.length > 0 && said.join(" ") === expected.join(" ") ? 1 : 0;
  },
};
