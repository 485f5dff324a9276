import { describe, expect, it } from "vitest";
import { ResultsSchema, summaryMarkdown, type InteractionRecord, type SampleRecord } from "../../src/results/index.js";
import { record, results } from "../helpers/runs.js";

const interaction = (
  index: number,
  outcome: InteractionRecord["outcome"],
  tagTypes: string[],
  visualTypes: string[],
  implemented: number | null,
): InteractionRecord => ({
  index,
  action: "click",
  ...(outcome ? { outcome } : {}),
  tagTypes,
  visualTypes,
  changed: {},
  metrics: { interaction_implemented: implemented },
});

describe("the interaction totals of a run", () => {
  const records: SampleRecord[] = [
    {
      ...record("1", 1),
      interactions: [interaction(1, "changed", ["button"], ["color"], 1), interaction(2, "missing", ["button", "link"], ["new page"], 0)],
    },
    { ...record("2", 1), interactions: [interaction(1, "unchanged", ["link"], ["color", "text"], 0)] },
    // A page that failed before it was driven: its interaction has no outcome and counts 0.
    { ...record("3", null), interactions: [interaction(1, undefined, ["button"], ["text"], null)] },
  ];
  const built = results("m", records);

  it("counts interactions by outcome and means each score per tag type and per visual type, a null as 0", () => {
    expect(built.interaction).toEqual({
      interactions: 4,
      outcomes: { changed: 1, missing: 1, unchanged: 1 },
      byTagType: {
        button: { n: 3, means: { interaction_implemented: 0.333 } },
        link: { n: 2, means: { interaction_implemented: 0 } },
      },
      byVisualType: {
        color: { n: 2, means: { interaction_implemented: 0.5 } },
        "new page": { n: 1, means: { interaction_implemented: 0 } },
        text: { n: 2, means: { interaction_implemented: 0 } },
      },
    });
    expect(ResultsSchema.parse(built).interaction).toEqual(built.interaction);
  });

  it("has none on a run of another task", () => {
    expect(results("m", [record("1", 1)]).interaction).toBeUndefined();
  });

  it("prints the outcomes and both tables in summary.md", () => {
    const summary = summaryMarkdown(built, records);
    expect(summary).toContain("4 interactions: changed 1, missing 1, unchanged 1; 1 on pages that failed before they were driven.");
    expect(summary).toContain("| tag type | interactions | interaction_implemented |");
    expect(summary).toContain("| button | 3 | 0.333 |");
    expect(summary).toContain("| new page | 1 | 0.000 |");
  });
});
