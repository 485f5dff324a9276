import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Leaderboard } from "../../src/report/index.js";
import { type SampleRecord } from "../../src/results/index.js";
import { runCli } from "../helpers/cli.js";

import { makeDataset, tempDir } from "../helpers/dataset.js";
import { leaderboardValidator, record, results, writeRunDir, FIXTURE_METRIC_IDS } from "../helpers/runs.js";

const validate = leaderboardValidator();

/** Two finished runs of the fixture dataset (reference: all 1; boxes: 0.5, 0.25 and a failure), and a third on another dataset. */
function runs() {
  const root = tempDir("w2c-leaderboard-");
  const referenceRecords = [record("a", 1), record("b", 1), record("c", 1)];
  const boxesRecords: SampleRecord[] = [record("a", 0.5), record("b", 0.25), record("c", null)];
  const reference = writeRunDir(join(root, "reference"), results("reference", referenceRecords), referenceRecords);
  const boxes = writeRunDir(join(root, "boxes"), results("boxes", boxesRecords), boxesRecords);
  const otherResults = results("blank", [record("a", 0)]);
  const other = writeRunDir(join(root, "other"), { ...otherResults, dataset: { ...otherResults.dataset, fingerprint: "sha256:other" } }, [
    record("a", 0),
  ]);
  return { root, reference, boxes, other };
}

describe("leaderboard", () => {
  it("writes a leaderboard valid against the shipped schema, entries sorted by model id, and prints its path", async () => {
    const { root, reference, boxes } = runs();
    const out = join(root, "site", "nested", "leaderboard.json");
    const result = await runCli(["leaderboard", reference, join(boxes, "results.json"), "--out", out]);
    expect(result.stderr).toMatch(/^leaderboard: 2 model\(s\) on fixture \(sha256:0123456789abcdef0123456789abcdef\), task image2html\n$/);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${out}\n`);
    const board = JSON.parse(readFileSync(out, "utf8")) as Leaderboard;
    expect(validate(board), JSON.stringify(validate.errors)).toBe(true);
    expect(board.schemaVersion).toBe(1);
    expect(board.tool.name).toBe("web2code-eval");
    expect(board.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(board.dataset).toEqual({ id: "fixture", version: "1", fingerprint: "sha256:0123456789abcdef0123456789abcdef" });
    expect(board.entries.map((e) => e.id)).toEqual(["boxes", "reference"]);
    const [boxesEntry, referenceEntry] = board.entries;
    expect(Object.keys(boxesEntry!.aggregates)).toEqual(FIXTURE_METRIC_IDS);
    expect(referenceEntry!.aggregates.pixel_similarity).toEqual({ mean: 1, low: 1, high: 1, stderr: 0, median: 1, n: 3 });
    expect(boxesEntry!.aggregates.tree_bleu).toMatchObject({ mean: 0.25, median: 0.25, n: 3, low: 0 });
    expect(boxesEntry!.aggregates.tree_bleu!.high).toBeCloseTo(0.25 + 1.96 * 0.14433756729740643, 12);
    expect(boxesEntry).toMatchObject({ n: 3, scored: 2, failures: { render_error: 1 }, date: "2026-01-02T03:04:05.000Z" });
    expect(boxesEntry!.provenance).toMatchObject({
      model: { id: "boxes" },
      tool: { version: "0.0.0-test" },
      environment: { node: "v20", chrome: "Chrome/1" },
    });
    // Nothing but the file is left in its folder (no temporary file).
    expect(readdirSync(join(root, "site", "nested"))).toEqual(["leaderboard.json"]);
  });

  it("writes the same bytes for the same runs, dated by the newest run, not by the time of writing", async () => {
    const { root, reference, boxes } = runs();
    const first = join(root, "first.json");
    const second = join(root, "second.json");
    expect((await runCli(["leaderboard", reference, boxes, "--out", first])).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await runCli(["leaderboard", boxes, reference, "--out", second])).code).toBe(0);
    expect(readFileSync(second)).toEqual(readFileSync(first));
    expect((JSON.parse(readFileSync(first, "utf8")) as Leaderboard).createdAt).toBe("2026-01-02T03:04:05.000Z");
  });

  it("--json prints the file and the number of entries; --quiet logs nothing", async () => {
    const { root, reference, boxes } = runs();
    const out = join(root, "lb.json");
    const result = await runCli(["leaderboard", boxes, reference, "--out", out, "--json", "--quiet"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ out, entries: 2 });
    expect(validate(JSON.parse(readFileSync(out, "utf8")))).toBe(true);
  });

  it("refuses runs of different datasets with exit 2, naming both, and writes nothing", async () => {
    const { root, reference, other } = runs();
    const out = join(root, "lb.json");
    const result = await runCli(["leaderboard", reference, other, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `web2code-eval: ${reference} and ${other} were scored on different datasets (fixture sha256:0123456789abcdef0123456789abcdef vs fixture sha256:other); a leaderboard holds runs of one dataset\n`,
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root).sort()).toEqual(["boxes", "other", "reference"]);
  });

  it("refuses a missing run with exit 2 and leaves an earlier leaderboard as it was", async () => {
    const { root, reference } = runs();
    const out = join(root, "lb.json");
    writeFileSync(out, "previous\n");
    const missing = join(root, "nope");
    const result = await runCli(["leaderboard", reference, missing, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`web2code-eval: ${missing}: no such run folder or results.json\n`);
    expect(readFileSync(out, "utf8")).toBe("previous\n");
  });

  it("refuses two runs of one model, an --out that is a folder, and a missing --out, with exit 2", async () => {
    const { root, reference } = runs();
    const twice = await runCli(["leaderboard", reference, join(reference, "results.json"), "--out", join(root, "lb.json")]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/both runs of model reference/);
    const folder = join(root, "a-folder");
    mkdirSync(folder);
    const intoFolder = await runCli(["leaderboard", reference, "--out", folder]);
    expect(intoFolder.code).toBe(2);
    expect(intoFolder.stderr).toBe(`web2code-eval: ${folder}: is a folder; give a file name\n`);
    const noOut = await runCli(["leaderboard", reference]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/required option '--out <FILE.json>' not specified/);
    expect(existsSync(join(root, "lb.json"))).toBe(false);
  });

  it("shows examples in --help", async () => {
    const result = await runCli(["leaderboard", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: web2code-eval leaderboard \[options\] <RUN\.\.\.>/);
    expect(result.stdout).toMatch(/Examples:\n {2}\$ web2code-eval leaderboard .* --out leaderboard\.json/);
  });

  it("the schema rejects a file without entries", () => {
    const board = {
      schemaVersion: 1,
      tool: { name: "web2code-eval", version: "0.1.0" },
      createdAt: "2026-01-02T03:04:05.000Z",
      dataset: { id: "fixture", fingerprint: "sha256:x" },
      task: "image2html",
      metrics: { tree_bleu: { version: 1, higherIsBetter: true, description: "d" } },
      aggregation: "mean",
    };
    expect(validate({ ...board, entries: [] })).toBe(true);
    expect(validate(board)).toBe(false);
    expect(validate.errors?.[0]?.message).toBe("must have required property 'entries'");
  });
});

describe("named models: two prediction folders both called preds, told apart by ?name=", () => {
  it("records each name as its model's id, warns of a file matching no sample before any work, and report tools use the names", async () => {
    const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
    const page = (text: string) => `<!DOCTYPE html><html><body style="margin:0"><h1>${text}</h1><p>A page.</p></body></html>`;
    const dataset = makeDataset({ a: page("Alpha") });
    const root = tempDir("w2c-named-");
    const [x, y] = [join(root, "x", "preds"), join(root, "y", "preds")];
    for (const [folder, text] of [
      [x, "Alpha"],
      [y, "Beta"],
    ] as const) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, "a.html"), page(text));
    }
    writeFileSync(join(y, "0_pred.html"), page("Beta"));
    const runs = join(root, "runs");
    const ran = await runCli(
      [
        "run",
        "--dataset",
        dataset,
        "--model",
        `replay:${x}?name=sysA`,
        "--model",
        `replay:${y}?name=sysB`,
        "--out",
        runs,
        "--concurrency",
        "1",
      ],
      { env },
    );
    expect(ran.code, ran.stderr).toBe(0);
    const stderr = ran.stderr.split("\n");
    const warning = `warning: sysB: 1 of 2 .html files in ${y} matches no sample id (0_pred.html); predictions are named <sample-id>.html, e.g. a.html`;
    expect(stderr.filter((line) => line.includes("0_pred.html"))).toEqual([warning]);
    expect(stderr.indexOf(warning)).toBeLessThan(stderr.findIndex((line) => /^sys[AB] 1\/1 /.test(line)));
    for (const [name, folder] of [
      ["sysA", x],
      ["sysB", y],
    ] as const) {
      const recorded = JSON.parse(readFileSync(join(runs, name, "results.json"), "utf8")) as { model: Record<string, unknown> };
      expect(recorded.model).toMatchObject({ id: name, name, kind: "replay", spec: `replay:${folder}?name=${name}` });
    }
    expect(
      ran.stdout
        .split("\n")
        .slice(1, 3)
        .map((row) => row.split(" ")[0]),
    ).toEqual(["sysA", "sysB"]);

    const out = join(root, "leaderboard.json");
    const board = await runCli(["leaderboard", join(runs, "sysA"), join(runs, "sysB"), "--out", out, "--quiet"]);
    expect(board.code, board.stderr).toBe(0);
    expect((JSON.parse(readFileSync(out, "utf8")) as Leaderboard).entries.map((entry) => entry.id)).toEqual(["sysA", "sysB"]);
    const compared = await runCli(["compare", "--baseline", join(runs, "sysA"), "--current", join(runs, "sysB")], { cwd: root });
    expect([0, 100]).toContain(compared.code);
    expect(compared.stdout).toContain("Baseline `sysA`, current `sysB`;");
  }, 300_000);
});
