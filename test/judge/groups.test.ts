import { describe, expect, it } from "vitest";
import { groupScores, WCGB_METRICS, wcgbMetrics } from "../../src/judge/groups.js";
import { CONTRACT_METRICS } from "../helpers/contract.js";

describe("WCGB groups", () => {
  it("takes each group's mean and overall as the mean of the four group means, as Web2Code's script does", () => {
    // Structure (10+8+6+4)/4 = 7; colour (9+7)/2 = 8; text (3+6+9)/3 = 6; interface 5; overall (7+8+6+5)/4 = 6.5.
    const scores = groupScores([10, 8, 6, 4, 9, 7, 3, 6, 9, 5]);
    expect(scores).toEqual({ wcgb_structure: 7, wcgb_color: 8, wcgb_text: 6, wcgb_ui: 5, wcgb_overall: 6.5 });
    expect(wcgbMetrics(scores)).toEqual({ wcgb_structure: 0.7, wcgb_color: 0.8, wcgb_text: 0.6, wcgb_ui: 0.5, wcgb_overall: 0.65 });
  });

  it("weighs groups, not questions: overall is not the mean of the ten answers", () => {
    // Groups 10, 0, 0, 0: overall 2.5, where the mean of the ten answers would be 4.
    expect(groupScores([10, 10, 10, 10, 0, 0, 0, 0, 0, 0]).wcgb_overall).toBe(2.5);
  });

  it("refuses anything but ten answers", () => {
    expect(() => groupScores([1, 2, 3])).toThrow("expected 10 question scores, got 3");
  });

  it("describes the five wcgb metrics of docs/contract.md", () => {
    const ids = WCGB_METRICS.map((metric) => metric.id);
    expect(ids).toEqual(["wcgb_structure", "wcgb_color", "wcgb_text", "wcgb_ui", "wcgb_overall"]);
    expect(CONTRACT_METRICS.filter((metric) => metric.when === "--judge").map((metric) => metric.id)).toEqual(ids);
    expect(WCGB_METRICS[0]).toEqual({
      id: "wcgb_structure",
      version: 2,
      higherIsBetter: true,
      description: "Judge model's mean score over rubric questions 1-4 (Web2Code's Visual Structure & Alignment), divided by 10.",
    });
    expect(WCGB_METRICS[3]?.description).toBe(
      "Judge model's mean score over rubric question 10 (Web2Code's User Interface & Interactivity), divided by 10.",
    );
  });
});
