import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readRun } from "../../src/results/index.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";

/** Our own three interaction pages (scripts/build-interaction-fixtures.ts): a reference page each, its states and marks. */
const FIXTURES = fileURLToPath(new URL("../fixtures/interaction/", import.meta.url));
const PAGES = ["1", "2", "10"];

describe("run --task interaction: each #interactN driven, each state scored against the dataset's", () => {
  it("scores the reference pages 1 on their own states, and the blank page 0 with every element missing", async () => {
    const runs = join(tempDir(), "runs");
    const { code, stderr } = await runCli([
      "run",
      "--task",
      "interaction",
      "--dataset",
      FIXTURES,
      "--model",
      "reference",
      "--model",
      "blank",
      "--out",
      runs,
      "--quiet",
    ]);
    expect(code, stderr).toBe(0);

    const reference = readRun(join(runs, "reference"));
    expect(reference.results.interactionPrompt).toBe("direct");
    expect(reference.records.map((record) => record.id)).toEqual(PAGES);
    expect(reference.records.flatMap((record) => record.interactions!.map((i) => [i.index, i.action, i.outcome]))).toEqual([
      [1, "click", "changed"],
      [2, "type", "changed"],
      [1, "click", "changed"],
      [2, "click", "changed"],
      [1, "hover", "changed"],
      [2, "select", "changed"],
    ]);
    // The reference page driven as the fixtures were made gives their states pixel for pixel, and the same text.
    for (const id of [
      "interaction_implemented",
      "interaction_pixel",
      "interaction_ssim",
      "interaction_region_pixel",
      "interaction_region_ssim",
      "interaction_text",
    ])
      expect(reference.results.aggregates[id]!.mean, id).toBe(1);
    // A mark's red box lies on whole pixels: its centre is half a pixel off the element's fractional one (of 720 px
    // high on page 1, of 1280 px wide on the others).
    expect(reference.records.map((record) => record.metrics.interaction_position)).toEqual([1 - 0.5 / 720, 1 - 0.5 / 1280, 1 - 0.5 / 1280]);
    const tabs = reference.records[1]!.interactions![0]!;
    expect(tabs.changed).toEqual({ pred: { x: 40, y: 24, width: 300, height: 310 }, ref: { x: 40, y: 24, width: 300, height: 310 } });
    expect(existsSync(join(runs, "reference", "states", "2", "1.png"))).toBe(true);
    expect(reference.results.interaction!.outcomes).toEqual({ changed: 6 });

    const blank = readRun(join(runs, "blank"));
    expect(blank.records.flatMap((record) => record.interactions!.map((i) => i.outcome))).toEqual(Array(6).fill("missing"));
    expect(Object.values(blank.results.aggregates).map((aggregate) => aggregate.mean)).toEqual(Array(7).fill(0));
    expect(readFileSync(join(runs, "blank", "summary.md"), "utf8")).toContain("6 interactions: missing 6.");
  });

  it("scores saved predictions: a page that is only the screenshot implements nothing", async () => {
    const predictions = tempDir();
    for (const id of PAGES) {
      const png = readFileSync(join(FIXTURES, id, "0.png")).toString("base64");
      writeFileSync(
        join(predictions, `${id}.html`),
        `<!DOCTYPE html><body style="margin:0"><img src="data:image/png;base64,${png}"></body>`,
      );
    }
    const out = join(tempDir(), "pictures");
    const { code, stderr } = await runCli([
      "score",
      "--task",
      "interaction",
      "--dataset",
      FIXTURES,
      "--predictions",
      predictions,
      "--out",
      out,
      "--quiet",
    ]);
    expect(code, stderr).toBe(0);
    const run = readRun(out);
    expect(run.results.aggregates.interaction_implemented!.mean).toBe(0);
    expect(run.records.flatMap((record) => record.interactions!.map((i) => i.outcome))).toEqual(Array(6).fill("missing"));
  });

  it("refuses what the dataset cannot serve before any work: marks it lacks, a task of still pages", async () => {
    const out = join(tempDir(), "refused");
    mkdirSync(out);
    const marked = await runCli([
      "run",
      "--task",
      "interaction",
      "--interaction-prompt",
      "mark",
      "--dataset",
      FIXTURES,
      "--model",
      "blank",
      "--out",
      join(out, "m"),
    ]);
    expect(marked.code).toBe(2);
    expect(marked.stderr).toContain(
      'page "1" has no marked screenshots (<state>_mark.png) of interaction 1, which --interaction-prompt mark shows',
    );
    const still = await runCli(["run", "--dataset", FIXTURES, "--model", "blank", "--out", join(out, "s")]);
    expect(still.code).toBe(2);
    expect(still.stderr).toContain("only --task interaction drives");
    expect(existsSync(join(out, "m"))).toBe(false);
  });
});
