import { describe, expect, it } from "vitest";
import { qaExact } from "../../src/metrics/qa-exact.js";

describe("qa_exact (the strict rule)", () => {
  it.each([
    ["Yes", "Yes", 1],
    ["yes.", "Yes", 1],
    ["YES, it has a search bar.", "Yes", 1],
    ["yes</s>", "Yes", 1],
    ["  No!", "no", 1],
    // Full-width letters are the same word after NFKC.
    ["ＹＥＳ", "yes", 1],
    // Web2Code's rule counts these; the strict one does not.
    ["NOT SURE", "No", 0],
    ["None of them", "No", 0],
    ["I know", "No", 0],
    ["", "Yes", 0],
    ["anything", "", 0],
    ["Sure, yes", "Yes", 0],
    // A longer gold answer: as many first words as it has.
    ["Contact us, at the bottom", "Contact Us", 1],
    ["Contact", "Contact us", 0],
  ])("scores %j against %j: %i", (answer, gold, right) => {
    expect(qaExact.score(answer, gold)).toBe(right);
  });
});
