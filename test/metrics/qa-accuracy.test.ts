import { describe, expect, it } from "vitest";
import { qaAccuracy, wubNormalise } from "../../src/metrics/qa-accuracy.js";

/**
 * [answer, gold, right] as Web2Code's own rule scores them, computed with python3 3.11 from its
 * webpage_understanding/evaluate.py (normalize_text, then `pred == actual or actual in pred[:5]`):
 *   python3 -c "n=lambda t: t.replace('</s>','').strip().upper(); print(int(n(p)==n(a) or n(a) in n(p)[:5]))"
 */
const PYTHON_CASES: Array<[string, string, number]> = [
  ["Yes", "Yes", 1],
  ["yes", "Yes", 1],
  ["YES.", "Yes", 1],
  ["Yes, the page has a search bar.", "Yes", 1],
  ["No", "Yes", 0],
  ["NOT SURE", "No", 1],
  ["not sure", "No", 1],
  ["None of them", "No", 1],
  ["known", "No", 1],
  ["I know", "No", 1],
  ["I don't know", "No", 0],
  ["", "Yes", 0],
  ["", "No", 0],
  ["anything", "", 1],
  ["", "", 1],
  ["yes</s>", "Yes", 1],
  ["</s>No", "No", 1],
  ["\u00a0no\u00a0", "No", 1],
  ["\u0085yes", "Yes", 1],
  ["\ufeffyes", "Yes", 1],
  ["\x1cno\x1f", "No", 1],
  ["\u3000yes", "Yes", 1],
  ["Sure, yes", "Yes", 0],
  ["YesNo", "No", 1],
  ["😀😀yes", "Yes", 1],
  ["😀😀😀😀yes", "Yes", 0],
  ["straße", "STRASSE", 1],
  ["<</s>/s>no", "No", 0],
  ["nO", "no", 1],
  ["N O", "No", 0],
  // Python's strip() keeps U+FEFF (JavaScript's trim() would drop it and make the gold empty).
  ["no", "\ufeff", 0],
  // ... and strips U+001C (trim() would keep four of them in the first five characters).
  ["\x1c\x1c\x1c\x1cyes", "Yes", 1],
  ["\u200b\u200byes", "Yes", 1],
  ["yes\n", "yes", 1],
  ["\u0130yes", "\u0130YES", 1],
];

describe("qa_accuracy (Web2Code's WUB rule)", () => {
  it.each(PYTHON_CASES)("scores %j against %j as Python does: %i", (answer, gold, right) => {
    expect(qaAccuracy.score(answer, gold)).toBe(right);
  });

  it("normalises as Python's replace('</s>', '').strip().upper()", () => {
    expect(wubNormalise(" \t</s>straße\u2028\x1f")).toBe("STRASSE");
    expect(wubNormalise("\ufeffno")).toBe("\ufeffNO");
  });
});
