import { describe, expect, it } from "vitest";
import { isYesOrNo } from "../../src/metrics/qa-yes-no.js";

/**
 * [answer, yes/no] as Web2Code's `is_yes_or_no` (webpage_understanding/code_eval.py) decides,
 * computed with python3 3.11 from a copy of that function: re.sub(r'\.</s>$', '</s>', v.lower()),
 * re.sub(r'</s>$', '', ...), re.sub(r'[^a-zA-Z]', '', ...), then `in ("yes", "no")`.
 */
const PYTHON_CASES: Array<[string, boolean]> = [
  ["Yes", true],
  ["yes.", true],
  ["NO!", true],
  ["y e s", true],
  ["Yes, it is", false],
  ["no</s> ", false],
  ["no</s>", true],
  ["no.</s>", true],
  ["no.</s>\n", true],
  ["no</s>\n\n", false],
  ["No.\n", true],
  ["</s>", false],
  ["yes</s></s>", false],
  ["Yeah", false],
  ["nope", false],
  ["n-o", true],
  ["Yes</s>.", false],
  ["NO</S>", true],
];

describe("isYesOrNo (when Web2Code's script asks once more)", () => {
  it.each(PYTHON_CASES)("%j: %s", (answer, expected) => {
    expect(isYesOrNo(answer)).toBe(expected);
  });
});
