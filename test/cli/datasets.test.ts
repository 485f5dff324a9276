import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../src/datasets/index.js";
import { runCli, type CliResult } from "../helpers/cli.js";
import { makeDataset, tempDir, whitePng } from "../helpers/dataset.js";
import { writeParquet } from "../helpers/parquet.js";

const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
const PAGES = [
  '<!DOCTYPE html><html><body style="margin:0"><h1 style="color:#246">First</h1><p>one</p></body></html>',
  '<!DOCTYPE html><html><body style="margin:0;background:#fed"><ul><li>two</li><li>three</li></ul></body></html>',
];
const PNGS = [whitePng(20, 10), whitePng(21, 10)];

/** Every file under `dir` with its size: what "nothing written" compares. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return `${relative(dir, path)} ${entry.isFile() ? statSync(path).size : entry.isDirectory() ? "dir" : "other"}`;
  });
}

/** Exit 2, each line `web2code-eval: <problem>`, nothing on stdout. */
function expectRefused(result: CliResult, lines: Array<string | RegExp>): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe("");
  const got = result.stderr.split("\n");
  expect(got.pop()).toBe("");
  expect(got).toHaveLength(lines.length);
  lines.forEach((line, i) => (typeof line === "string" ? expect(got[i]).toBe(`web2code-eval: ${line}`) : expect(got[i]).toMatch(line)));
}

/** A Design2Code-hf-like file: `image` struct, `text`. */
async function parquet(): Promise<string> {
  const file = join(tempDir("w2c-parquet-"), "test-00000-of-00001.parquet");
  await writeParquet(file, { image: PNGS.map((bytes, i) => ({ bytes, path: `${i}.png` })), text: { text: PAGES } });
  return file;
}

/** A Design2Code folder of one pair (1.html, 1.png) and these files, each a page or a screenshot by its extension. */
function design2code(files: string[]): string {
  const root = tempDir("w2c-d2c-");
  for (const file of ["1.html", "1.png", ...files]) writeFileSync(join(root, file), file.endsWith(".png") ? PNGS[0]! : PAGES[0]!);
  return root;
}

describe("datasets validate", () => {
  it("prints every problem of a hand-written dataset.json, one line each, and exits 2", async () => {
    const root = makeDataset({ a: PAGES[0]!, b: PAGES[1]! });
    const file = join(root, "dataset.json");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown> & { samples: Array<Record<string, unknown>> };
    delete manifest.instruction;
    manifest.samples[1]!.descripton = "typo";
    writeFileSync(file, JSON.stringify(manifest));
    expectRefused(await runCli(["datasets", "validate", root]), [
      `${file}: field instruction: Invalid input: expected string, received undefined`,
      `${file}: field samples.1: Unrecognized key: "descripton"`,
    ]);
  });

  it("says what it found in a good dataset, and warns once of Design2Code screenshots without their pages (assets)", async () => {
    const root = design2code(["placeholder.png", "logo.png"]);
    const result = await runCli(["datasets", "validate", root]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(
      `warning: ${root}: 2 screenshots have no page (<id>.html) beside them, so they are no samples (they are served as assets): logo.png, placeholder.png\n`,
    );
    const { fingerprint } = await loadDataset(root);
    expect(result.stdout).toBe(`${root}: valid (design2code, 1 samples, --task image2html, 1 warnings, fingerprint ${fingerprint})\n`);
  });

  it("calls each Design2Code page without its screenshot a problem: it is no sample", async () => {
    const root = design2code(["2.html", "10.html"]);
    const problem = (id: string) =>
      `${join(root, `${id}.html`)}: a page with no screenshot (${id}.png) beside it, so no sample; add its screenshot, or move the page into a subfolder if it is an asset`;
    expectRefused(await runCli(["datasets", "validate", root]), [problem("2"), problem("10")]);
  });

  it("reads a parquet file where it lies, and takes --columns", async () => {
    const file = await parquet();
    const result = await runCli(["datasets", "validate", file, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ format: "parquet", samples: 2, tasks: ["image2html"] });
    expectRefused(await runCli(["datasets", "validate", file, "--columns", "html=code"]), [
      `${file}: no column "code" (given as --columns html=code; columns: image, text)`,
    ]);
    const malformed = await runCli(["datasets", "validate", file, "--columns", "html"]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/--columns: "html" is not ROLE=COLUMN/);
  });
});

describe("datasets import", () => {
  it("writes the tool's folder format, which validates with the same samples", async () => {
    const file = await parquet();
    const out = join(tempDir("w2c-import-"), "design2code");
    const result = await runCli(["datasets", "import", file, "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    const imported = await loadDataset(out);
    expect(result.stdout).toBe(`imported: ${out} (2 samples from ${file}, fingerprint ${imported.fingerprint})\n`);
    expect(await Promise.all(imported.samples.map((s) => s.readHtml!()))).toEqual(PAGES);
    const stats = await runCli(["datasets", "stats", file, "--json"]);
    expect(JSON.parse(stats.stdout)).toMatchObject({ count: 2 });
  });

  it("writes nothing from a broken dataset", async () => {
    const file = join(tempDir("w2c-parquet-"), "broken.parquet");
    await writeParquet(file, { image: [{ bytes: Buffer.from("GIF89a"), path: "0.gif" }], text: { text: [PAGES[0]!] } });
    const parent = tempDir("w2c-import-");
    expectRefused(await runCli(["datasets", "import", file, "--out", join(parent, "out")]), [
      `${file}: row 0, field image.bytes: not a PNG file`,
    ]);
    expect(readdirSync(parent)).toEqual([]);
  });

  const badOut: Array<[string, (parent: string) => string, (out: string, parent: string) => string | RegExp]> = [
    [
      "a path under a regular file",
      (parent) => (writeFileSync(join(parent, "notes.txt"), "mine"), join(parent, "notes.txt", "ds")),
      (out, parent) => `${join(parent, "notes.txt")}: not a folder, cannot write ${out}`,
    ],
    [
      "a regular file",
      (parent) => (writeFileSync(join(parent, "notes.txt"), "mine"), join(parent, "notes.txt")),
      (out) => `${out}: not a folder, cannot write ${out}`,
    ],
    [
      "a path in /proc",
      () => "/proc/web2code-eval-out/ds",
      () => /^web2code-eval: \/proc: not writable( \(\w+\))?, cannot write \/proc\/web2code-eval-out\/ds$/,
    ],
    [
      "a folder of other files",
      (parent) => (mkdirSync(join(parent, "mine")), writeFileSync(join(parent, "mine", "a.txt"), "mine"), join(parent, "mine")),
      (out) => `${out}: folder is not empty and holds no earlier run; choose another --out`,
    ],
    [
      "a folder holding an earlier run",
      (parent) => (mkdirSync(join(parent, "run")), writeFileSync(join(parent, "run", "results.json"), "{}"), join(parent, "run")),
      (out) => `${out}: folder is not empty; choose another --out`,
    ],
    [
      "a link to nothing",
      (parent) => (symlinkSync(join(parent, "gone"), join(parent, "out")), join(parent, "out")),
      (out) => `${out}: a link that leads nowhere (ENOENT), cannot write ${out}`,
    ],
  ];

  it.each(badOut)("refuses --out that is %s: exit 2, one line, nothing written", async (_name, make, message) => {
    const file = await parquet();
    const parent = tempDir("w2c-bad-out-");
    const out = make(parent);
    const before = snapshot(parent);
    expectRefused(await runCli(["datasets", "import", file, "--out", out]), [message(out, parent)]);
    expect(snapshot(parent)).toEqual(before);
  });
});

describe("run and report on a parquet dataset read where it lies", () => {
  let file: string;
  let out: string;
  let result: CliResult;

  beforeAll(async () => {
    // Names detection does not know, so the run needs --columns (passed through to the loader).
    file = join(tempDir("w2c-parquet-"), "pages.parquet");
    await writeParquet(
      file,
      { image: PNGS.map((bytes) => ({ bytes, path: null })), text: { code: PAGES } },
      { imageColumn: "shot", imageAs: "bytes" },
    );
    out = join(tempDir("w2c-run-"), "reference");
    result = await runCli(
      ["run", "--dataset", file, "--columns", "image=shot,html=code", "--model", "reference", "--out", out, "--quiet"],
      { env },
    );
  }, 300_000);

  it("scores the reference 1, reading each row's page and screenshot from the file", async () => {
    expect(result.code, result.stderr).toBe(0);
    const lines = readFileSync(join(out, "samples.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: string; status: string; metrics: Record<string, number> });
    expect(lines.map((line) => [line.id, line.status, line.metrics.pixel_similarity, line.metrics.tree_bleu])).toEqual([
      ["0", "ok", 1, 1],
      ["1", "ok", 1, 1],
    ]);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as { dataset: Record<string, unknown> };
    const dataset = await loadDataset(file, { columns: { image: "shot", html: "code" } });
    expect(results.dataset).toMatchObject({
      root: file,
      format: "parquet",
      fingerprint: dataset.fingerprint,
      options: { columns: { image: "shot", html: "code" } },
    });
  });

  it("lets a report find the screenshots again, read as the run read them", async () => {
    const report = join(tempDir("w2c-report-"), "report");
    const made = await runCli(["report", out, "--out", report]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toBe("");
    // Both samples' screenshots, read from the parquet rows, in the gallery.
    const html = readFileSync(join(report, "report.html"), "utf8");
    expect(html.match(/<img src="[^"]+\.webp" alt="What the model saw"/g)).toHaveLength(2);
  });
});
