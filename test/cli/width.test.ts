import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readPngHeader } from "../../src/datasets/index.js";
import { runCli } from "../helpers/cli.js";
import { makeDataset, tempDir, whitePng } from "../helpers/dataset.js";

const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
const PAGE = `<!DOCTYPE html><html><body style="margin:0"><h1>A page</h1><p>Some text.</p></body></html>`;

/** A dataset with a 1280x360 viewport whose screenshots have the given widths (8 px tall: only their headers are read). */
function dataset(widths: number[]): string {
  const root = makeDataset(Object.fromEntries(widths.map((_, i) => [`p${i}`, PAGE])), { viewport: { width: 1280, height: 360 } });
  widths.forEach((width, i) => writeFileSync(join(root, "screenshots", `p${i}.png`), whitePng(width, 8)));
  return root;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const lines = (dir: string) =>
  read(dir, "samples.jsonl")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; screenshot?: unknown; render?: { pred: { width: number }; ref: { width: number } } });
const widthWarnings = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("warning: the screenshots are"));

describe("run --width and the screenshots' width", () => {
  it("renders both pages at --width 1920 and records the width used", async () => {
    const root = dataset([1920, 1920]);
    const out = join(tempDir(), "run");
    const args = ["run", "--dataset", root, "--model", "reference", "--out", out];
    const result = await runCli([...args, "--width", "1920"], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(widthWarnings(result.stderr)).toEqual([]);
    for (const folder of ["renders", "reference-renders"]) {
      for (const id of ["p0", "p1"])
        expect(readPngHeader(readFileSync(join(out, folder, `${id}.png`)))).toEqual({ width: 1920, height: 360 });
    }
    expect(lines(out).map((line) => [line.id, line.render!.pred.width, line.render!.ref.width, line.screenshot])).toEqual([
      ["p0", 1920, 1920, { width: 1920, height: 8 }],
      ["p1", 1920, 1920, { width: 1920, height: 8 }],
    ]);
    const results = JSON.parse(read(out, "results.json"));
    expect(results.environment.renderer.viewport).toEqual({ width: 1920, height: 360 });
    expect(results.dataset.viewport).toEqual({ width: 1280, height: 360 });
    expect(read(out, "summary.md")).toContain("\n\nPages were rendered 1920 px wide (--width); the dataset's viewport is 1280 px wide.\n");
    expect(read(out, "summary.md")).not.toContain("screenshots are not");

    // The width is part of what a continued run shares (the renderer's fingerprint holds the viewport).
    const other = await runCli([...args, "--width", "1280"], { env });
    expect(other.code).toBe(2);
    // (After the warning that 1280 is not the screenshots' width.)
    expect(other.stderr.split("\n").slice(-2)).toEqual([
      expect.stringMatching(/^web2code-eval: .* holds a run with other renderer \(.*\): use --fresh to start it over, or another --out$/),
      "",
    ]);
    const same = await runCli([...args, "--width", "1920"], { env });
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toContain("2 samples: 2 kept, 0 retried, 0 new");
  }, 300_000);

  it("warns once, before the runs, when the screenshots are 1920 wide and pages render 1280, and counts them in summary.md", async () => {
    const root = dataset([1920, 1920, 1920]);
    const out = join(tempDir(), "runs");
    const result = await runCli(["run", "--dataset", root, "--model", "reference", "--model", "blank", "--out", out], { env });
    expect(result.code, result.stderr).toBe(0);
    const warning =
      "warning: the screenshots are 1920 px wide (first 3 samples: 1920 px ×3), pages render 1280 px wide: " +
      "the scores compare pages at another width than the model saw; --width 1920 renders at the screenshots' width";
    expect(widthWarnings(result.stderr)).toEqual([warning]);
    expect(result.stderr.split("\n")[0]).toBe(warning);
    for (const model of ["reference", "blank"]) {
      expect(read(join(out, model), "summary.md")).toContain(
        "\n\n3 of 3 screenshots are not 1280 px wide, the width pages were rendered at (1920 px ×3): " +
          "most were taken at another width than the renders the scores compare; --width 1920 renders at theirs.\n",
      );
    }
  }, 300_000);

  it("does not warn for screenshots 1280 wide of which one page is wider, and counts that one", async () => {
    const out = join(tempDir(), "run");
    const result = await runCli(["run", "--dataset", dataset([1280, 1280, 1300, 1280]), "--model", "blank", "--out", out], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain("warning: the screenshots");
    expect(read(out, "summary.md")).toContain(
      "\n\n1 of 4 screenshots are not 1280 px wide, the width pages were rendered at (1280 px ×3, 1300 px ×1).\n",
    );
  }, 300_000);

  it.each([
    ["run", "0"],
    ["run", "99"],
    ["run", "4097"],
    ["score", "12.5"],
    ["score", "wide"],
  ])("%s --width %s: exit 2, one line, nothing written", async (command, value) => {
    const parent = tempDir("w2c-width-");
    const out = join(parent, "out");
    const args = command === "run" ? ["run", "--model", "blank"] : ["score", "--dataset", "mini", "--predictions", parent];
    const result = await runCli([...args, "--width", value, "--out", out], { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `error: option '--width <px>' argument '${value}' is invalid. expected a whole number of pixels from 100 to 4096\n`,
    );
  });

  it("refuses --width with --task qa, which renders nothing", async () => {
    const root = tempDir("w2c-wub-");
    writeFileSync(join(root, "web_1.png"), whitePng(12, 9));
    writeFileSync(join(root, "eval.jsonl"), `${JSON.stringify({ image: "web_1.png", question_id: 1, Q: "Is it red?", A: "No" })}\n`);
    const out = join(tempDir(), "x");
    const result = await runCli(
      ["run", "--task", "qa", "--dataset", join(root, "eval.jsonl"), "--model", "blank", "--width", "1920", "--out", out],
      {
        env,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("web2code-eval: --width sets the width pages render at: --task qa renders none\n");
  });
});
