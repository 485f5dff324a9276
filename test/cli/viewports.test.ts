import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readPngHeader } from "../../src/datasets/index.js";
import { readRun } from "../../src/results/index.js";
import { runCli } from "../helpers/cli.js";
import { makeDataset, tempDir, whitePng } from "../helpers/dataset.js";

const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };

/**
 * A band of black across the top of a white page: 90 px high on a wide window, 422 px (half of 844)
 * on a phone. The blank page (all white) keeps 1 - 90/360 of the 640x360 window's pixels and
 * 1 - 422/844 of the 390x844 one's.
 */
const BAND = `<!DOCTYPE html><html><head><style>
body { margin: 0; }
.band { height: 422px; background: #000; }
@media (min-width: 501px) { .band { height: 90px; } }
</style></head><body><div class="band"></div></body></html>`;

/** The metrics scored again at a second viewport: those that read the renders (the HTML's own are scored once). */
const RENDER_METRICS = ["pixel_similarity", "ssim", "d2c_block_match", "d2c_text", "d2c_position", "d2c_color"];

const header = (file: string) => readPngHeader(readFileSync(file));

describe("run --viewports: every page scored at each viewport", () => {
  it("renders and scores both pages at each viewport, keyed by the viewport's name in results, summary, leaderboard and merge", async () => {
    const root = makeDataset({ p0: BAND, p1: BAND });
    const runs = join(tempDir(), "runs");
    const args = ["run", "--dataset", root, "--viewports", "640x360,390x844", "--quiet"];
    const result = await runCli([...args, "--model", "reference", "--model", "blank", "--out", runs], { env });
    expect(result.code, result.stderr).toBe(0);

    const blank = readRun(join(runs, "blank"));
    expect(Object.keys(blank.results.viewports!)).toEqual(["640x360", "390x844"]);
    expect(blank.results.viewports!["390x844"]!.width).toBe(390);
    expect(Object.keys(blank.results.viewports!["390x844"]!.aggregates)).toEqual(RENDER_METRICS);
    expect(blank.results.metrics["pixel_similarity@390x844"]).toMatchObject({ viewport: "390x844", higherIsBetter: true });
    expect(blank.records.map((record) => [record.metrics.pixel_similarity, record.metrics["pixel_similarity@390x844"]])).toEqual([
      [1 - 90 / 360, 0.5],
      [1 - 90 / 360, 0.5],
    ]);
    expect(blank.results.viewports!["640x360"]!.aggregates.pixel_similarity).toEqual(blank.results.aggregates.pixel_similarity);
    expect(blank.results.viewports!["390x844"]!.aggregates.pixel_similarity).toEqual(blank.results.aggregates["pixel_similarity@390x844"]);
    const reference = readRun(join(runs, "reference"));
    for (const id of RENDER_METRICS) expect(reference.results.viewports!["390x844"]!.aggregates[id]!.mean, id).toBe(1);

    // Each viewport's renders in its own folder, at its size.
    expect(header(join(runs, "blank", "renders", "p0.png"))).toEqual({ width: 640, height: 360 });
    expect(header(join(runs, "blank", "reference-renders", "p0.png"))).toEqual({ width: 640, height: 360 });
    expect(header(join(runs, "blank", "viewports", "390x844", "renders", "p0.png"))).toEqual({ width: 390, height: 844 });
    expect(header(join(runs, "blank", "viewports", "390x844", "reference-renders", "p1.png"))).toEqual({ width: 390, height: 844 });
    const summary = readFileSync(join(runs, "blank", "summary.md"), "utf8");
    expect(summary).toContain(
      "| metric | 640x360 | 390x844 |\n| --- | --- | --- |\n| pixel_similarity | 0.750 [0.750, 0.750] | 0.500 [0.500, 0.500] |\n",
    );

    const board = join(runs, "board.json");
    expect((await runCli(["leaderboard", join(runs, "reference"), join(runs, "blank"), "--out", board], { env })).code).toBe(0);
    const entries = JSON.parse(readFileSync(board, "utf8")).entries as Array<{
      id: string;
      viewports: Record<string, { aggregates: Record<string, { mean: number }> }>;
    }>;
    expect(
      entries.map((entry) => [entry.id, Object.keys(entry.viewports), entry.viewports["390x844"]!.aggregates.pixel_similarity!.mean]),
    ).toEqual([
      ["blank", ["640x360", "390x844"], 0.5],
      ["reference", ["640x360", "390x844"], 1],
    ]);

    // Shards keep each viewport's files, and merge copies them.
    const shards = tempDir();
    for (const shard of ["1/2", "2/2"]) {
      const run = await runCli([...args, "--model", "blank", "--shard", shard, "--out", join(shards, shard.replace("/", "-"))], { env });
      expect(run.code, run.stderr).toBe(0);
    }
    const merged = join(shards, "merged");
    const merge = await runCli(["merge", join(shards, "1-2"), join(shards, "2-2"), "--out", merged], { env });
    expect(merge.code, merge.stderr).toBe(0);
    expect(readdirSync(join(merged, "viewports", "390x844", "renders")).sort()).toEqual(["p0.png", "p1.png"]);
    expect(readRun(merged).results.viewports).toEqual(blank.results.viewports);

    // The viewports are part of what a continued run shares.
    const other = await runCli([...args.slice(0, 3), "--viewports", "640x360,768x1024", "--model", "blank", "--out", join(runs, "blank")], {
      env,
    });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/holds a run with other viewports/);
  }, 300_000);

  it("drives each interaction at each viewport, against the reference page driven there", async () => {
    const fixtures = fileURLToPath(new URL("../fixtures/interaction/", import.meta.url));
    const out = join(tempDir(), "run");
    const args = [
      "run",
      "--task",
      "interaction",
      "--model",
      "reference",
      "--viewports",
      "1280x720,390x844",
      "--render-timeout",
      "60000",
      "--quiet",
    ];
    const result = await runCli([...args, "--dataset", fixtures, "--out", out], { env });
    expect(result.code, result.stderr).toBe(0);
    const run = readRun(out);
    expect(Object.keys(run.results.viewports!["390x844"]!.aggregates)).toEqual([
      "interaction_implemented",
      "interaction_pixel",
      "interaction_ssim",
      "interaction_region_pixel",
      "interaction_region_ssim",
      "interaction_position",
      "interaction_text",
    ]);
    // The reference page against itself, both driven at 390x844: the same states, the element in the same place.
    for (const [id, aggregate] of Object.entries(run.results.viewports!["390x844"]!.aggregates)) expect(aggregate.mean, id).toBe(1);
    expect(header(join(out, "viewports", "390x844", "states", "2", "1.png"))).toMatchObject({ width: 390 });
    expect(header(join(out, "viewports", "390x844", "reference-renders", "2.png"))).toMatchObject({ width: 390 });

    // Interaction2Code's form has screenshots only: no reference page to drive at another size.
    const screenshotsOnly = tempDir();
    cpSync(fixtures, screenshotsOnly, { recursive: true });
    for (const page of readdirSync(screenshotsOnly)) rmSync(join(screenshotsOnly, page, "index.html"));
    const refused = await runCli([...args, "--dataset", screenshotsOnly, "--out", join(tempDir(), "refused")], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/page "1" has no reference page \(index.html\): the viewports of --viewports after the first/);
  }, 300_000);

  it.each([
    [
      "390",
      "error: option '--viewports <WxH,...>' argument '390' is invalid. expected viewports as WIDTHxHEIGHT in pixels, separated by commas, e.g. 1280x720,768x1024,390x844\n",
    ],
    ["390x844,390x844", "web2code-eval: viewports: 390x844 is given twice\n"],
    ["99x844", "web2code-eval: viewports: 99x844: width expected a whole number of pixels from 100 to 4096\n"],
  ])("--viewports %s: exit 2, one line, nothing written", async (value, message) => {
    const out = join(tempDir(), "out");
    const result = await runCli(["run", "--model", "blank", "--viewports", value, "--out", out], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(message);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses --viewports with --task qa, which renders nothing", async () => {
    const root = tempDir("w2c-wub-");
    writeFileSync(join(root, "web_1.png"), whitePng(12, 9));
    writeFileSync(join(root, "eval.jsonl"), `${JSON.stringify({ image: "web_1.png", question_id: 1, Q: "Is it red?", A: "No" })}\n`);
    const args = ["run", "--task", "qa", "--dataset", join(root, "eval.jsonl"), "--model", "blank", "--viewports", "390x844"];
    const result = await runCli([...args, "--out", join(tempDir(), "x")], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("web2code-eval: --viewports sets the sizes pages render at: --task qa renders none\n");
  });

  it("refuses --viewports with --width", async () => {
    const out = join(tempDir(), "out");
    const both = await runCli(["run", "--model", "blank", "--width", "1920", "--viewports", "390x844", "--out", out], { env });
    expect(both.stderr).toBe("web2code-eval: --width and --viewports both set the viewport: give the width as the first of --viewports\n");
    expect(both.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
