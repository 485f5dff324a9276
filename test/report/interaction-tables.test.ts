import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { implementRate, interactionTables, outcomeTable, typeTable } from "../../src/report/interaction-tables.js";
import { reportMarkdown } from "../../src/report/markdown.js";
import { type LoadedRun } from "../../src/results/index.js";
import { tempDir } from "../helpers/dataset.js";
import { writeInteractionRun } from "../helpers/interaction-run.js";
import { loadedRun, record } from "../helpers/runs.js";

describe("the interaction task's tables", () => {
  const root = tempDir("w2c-interaction-tables-");
  let runs: LoadedRun[];
  const plain = loadedRun("plain", [record("a", 0.5)]);

  beforeAll(async () => {
    // alpha: interaction 2 of p1 missing; beta: implemented. p2's one interaction never driven in both.
    runs = [
      await writeInteractionRun(join(root, "alpha"), "alpha", { implemented: 0, pixel: 0 }),
      await writeInteractionRun(join(root, "beta"), "beta", { implemented: 1, pixel: 0.5 }),
    ];
  });

  it("takes the implement rate over interactions, not pages: the undriven one counts 0", () => {
    expect(implementRate(runs[0]!.records)).toBe(1 / 3);
    expect(implementRate(runs[1]!.records)).toBe(2 / 3);
    // Over pages it would be (0.5 + 0) / 2 for alpha.
    expect(runs[0]!.results.aggregates.interaction_implemented!.mean).toBe(0.25);
    expect(implementRate(plain.records)).toBeUndefined();
  });

  it("counts each run's outcomes, and the interactions never driven", () => {
    expect(outcomeTable(runs)).toEqual({
      header: [
        "model",
        "interactions",
        "implement rate",
        "changed",
        "unchanged",
        "missing",
        "not_visible",
        "not_actionable",
        "action_error",
        "not driven",
      ],
      rows: [
        ["alpha", "3", "0.333", "1", "0", "1", "0", "0", "0", "1"],
        ["beta", "3", "0.667", "2", "0", "0", "0", "0", "0", "1"],
      ],
    });
  });

  it("cuts the scores by tag type and by visual type, the runs of a type side by side", () => {
    expect(typeTable(runs, "byTagType")).toEqual({
      header: ["tag type", "model", "n", "interaction_implemented", "interaction_pixel"],
      rows: [
        ["button", "alpha", "2", "0.500", "0.400"],
        ["", "beta", "2", "0.500", "0.400"],
        ["link", "alpha", "1", "0.000", "0.000"],
        ["", "beta", "1", "1.000", "0.500"],
      ],
    });
    expect(typeTable(runs, "byVisualType")!.rows).toEqual([
      ["color", "alpha", "1", "0.000", "0.000"],
      ["", "beta", "1", "1.000", "0.500"],
      ["new component", "alpha", "1", "1.000", "0.800"],
      ["", "beta", "1", "1.000", "0.800"],
      ["position", "alpha", "1", "0.000", "0.000"],
      ["", "beta", "1", "0.000", "0.000"],
    ]);
  });

  it("leaves out a run of another task, and has no tables where no run is of the task", () => {
    expect(outcomeTable([plain, ...runs])!.rows.map((row) => row[0])).toEqual(["alpha", "beta"]);
    expect(interactionTables([plain])).toEqual([]);
    expect(reportMarkdown("t", [plain], ["plain"])).not.toContain("Interactions");
  });

  it("puts the tables in the Markdown report", () => {
    const markdown = reportMarkdown("t", runs, ["alpha", "beta"]);
    expect(markdown).toContain("## Interactions");
    expect(markdown).toContain("### By visual type");
    expect(markdown).toContain("| alpha | 3 | 0.333 | 1 | 0 | 1 | 0 | 0 | 0 | 1 |");
    expect(markdown).toContain("| new component | alpha | 1 | 1.000 | 0.800 |");
  });
});
