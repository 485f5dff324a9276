import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildLeaderboard, type Leaderboard } from "../../src/report/index.js";
import { tempDir } from "../helpers/dataset.js";
import { writeInteractionRun } from "../helpers/interaction-run.js";
import { leaderboardValidator, loadedRun, record } from "../helpers/runs.js";

const TOOL = { name: "web2code-eval", version: "9.9.9" };

describe("a leaderboard of interaction runs", () => {
  const root = tempDir("w2c-leaderboard-interaction-");
  let board: Leaderboard;

  beforeAll(async () => {
    const runs = [
      await writeInteractionRun(join(root, "beta"), "beta", { implemented: 1, pixel: 0.5 }),
      await writeInteractionRun(join(root, "alpha"), "alpha", { implemented: 0, pixel: 0 }),
    ];
    board = buildLeaderboard(runs, { tool: TOOL });
  });

  it("gives each entry its prompt, interactions, implement rate (over interactions), outcomes and per-type tables", () => {
    expect(board.task).toBe("interaction");
    const [alpha, beta] = board.entries;
    expect(alpha!.interactionPrompt).toBe("mark");
    expect(alpha!.interaction).toEqual({
      interactions: 3,
      implemented: 1 / 3,
      outcomes: { changed: 1, missing: 1 },
      byTagType: {
        button: { n: 2, means: { interaction_implemented: 0.5, interaction_pixel: 0.4 } },
        link: { n: 1, means: { interaction_implemented: 0, interaction_pixel: 0 } },
      },
      byVisualType: {
        color: { n: 1, means: { interaction_implemented: 0, interaction_pixel: 0 } },
        "new component": { n: 1, means: { interaction_implemented: 1, interaction_pixel: 0.8 } },
        position: { n: 1, means: { interaction_implemented: 0, interaction_pixel: 0 } },
      },
    });
    expect(beta!.interaction).toMatchObject({ interactions: 3, implemented: 2 / 3, outcomes: { changed: 2 } });
    // The page-weighted rate stays where every metric's is.
    expect(alpha!.aggregates.interaction_implemented!.mean).toBe(0.25);
  });

  it("is valid against the shipped schema, which checks the new fields", () => {
    const validate = leaderboardValidator();
    expect(validate(JSON.parse(JSON.stringify(board))), JSON.stringify(validate.errors)).toBe(true);
    const alpha = board.entries[0]!;
    expect(validate({ ...board, entries: [{ ...alpha, interactionPrompt: "shown" }] })).toBe(false);
    expect(validate({ ...board, entries: [{ ...alpha, interaction: { ...alpha.interaction!, implemented: 2 } }] })).toBe(false);
    const { byTagType: _cut, ...withoutTags } = alpha.interaction!;
    expect(validate({ ...board, entries: [{ ...alpha, interaction: withoutTags }] })).toBe(false);
  });

  it("gives an entry of another task none of it", () => {
    const entry = buildLeaderboard([loadedRun("plain", [record("a", 0.5)])], { tool: TOOL }).entries[0]!;
    expect(Object.keys(entry)).toEqual(["id", "provenance", "aggregates", "n", "scored", "failures", "date"]);
  });
});
