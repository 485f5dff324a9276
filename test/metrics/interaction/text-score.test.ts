import { describe, expect, it } from "vitest";
import { textScore } from "../../../src/metrics/interaction/text-score.js";

describe("textScore", () => {
  it("is 1 for the same words, case and punctuation aside", () => {
    expect(textScore("Sign in — to your account.", "sign in to YOUR account")).toBe(1);
  });

  it("is the F1 of the shared words: 2 * 3 / (5 + 3)", () => {
    expect(textScore("Sign in to your account", "sign in, account!")).toBe(0.75);
  });

  it("costs a misread word, not the text: 2 * 1 / (2 + 2)", () => {
    expect(textScore("Login now", "Log1n now")).toBe(0.5);
  });

  it("counts repeated words as often as the fewer side has them: 2 * 1 / (1 + 3)", () => {
    expect(textScore("menu", "menu menu menu")).toBe(0.5);
  });

  it("is 1 for two texts without words, 0 when only one has any", () => {
    expect(textScore("", "")).toBe(1);
    expect(textScore("| —", "")).toBe(1);
    expect(textScore("", "Close")).toBe(0);
    expect(textScore("Close", "")).toBe(0);
  });
});
