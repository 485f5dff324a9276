import type { AnswerMetric } from "./types.js";

/** The characters Python's `str.strip()` removes (its `str.isspace()` set); JavaScript's trim() differs (it strips U+FEFF, keeps U+001C-U+001F and U+0085). */
const PYTHON_WHITESPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PYTHON_STRIP = new RegExp(`^[${PYTHON_WHITESPACE}]+|[${PYTHON_WHITESPACE}]+$`, "g");

/**
 * Web2Code's normalisation (webpage_understanding/evaluate.py): `s.replace('</s>', '').strip().upper()`.
 * `toUpperCase()` is Unicode's full upper-case mapping as Python's `upper()` is ("ß" becomes "SS");
 * they differ only on letters given case pairs after the Unicode version of the Python used.
 */
export function wubNormalise(text: string): string {
  return text.replaceAll("</s>", "").replace(PYTHON_STRIP, "").toUpperCase();
}

/**
 * qa_accuracy, Web2Code's WUB rule exactly: with n = wubNormalise, an answer is right when
 * `n(answer) == n(gold)` or `n(gold) in n(answer)[:5]` (a substring of its first five code
 * points). Quirks kept on purpose, so that our figures and theirs mean the same: "NOT SURE",
 * "NONE" and "KNOWN" count as "NO"; "YESNO" counts for both; and an empty gold answer makes every
 * answer right (the empty string is in every string). An empty answer is right only for an empty
 * gold answer. qa_exact is the strict rule.
 */
export const qaAccuracy: AnswerMetric = {
  id: "qa_accuracy",
  version: 1,
  description:
    "Web2Code's WUB rule: the answer, upper-cased and stripped of </s>, equals the gold answer or holds it in its first 5 characters.",
  higherIsBetter: true,
  score(answer, gold) {
    const said = wubNormalise(answer);
    const expected = wubNormalise(gold);
    // Python slices by code point; a JavaScript string slice would cut UTF-16 units.
    return said === expected || Array.from(said).slice(0, 5).join("").includes(expected) ? 1 : 0;
  },
};
