import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../../src/render/index.js";
import { runCli } from "../helpers/cli.js";
import { CONTRACT_METRIC_IDS } from "../helpers/contract.js";
import { makeDataset, tempDir } from "../helpers/dataset.js";
import { record, results, writeRunDir } from "../helpers/runs.js";

const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
/** A prediction that tries to run script in whatever shows it. */
const HOSTILE = `<html><body><h1>Hi</h1><script>window.top.__pwned = 1; top.document.title = "pwned";</script><img src="x" onerror="window.top.__pwned = 2"></body></html>`;

describe("report over real runs, opened in Chromium", () => {
  const dataset = makeDataset({
    a: "<html><body><h1>Alpha</h1><p>First page</p></body></html>",
    b: "<html><body><h1>Beta</h1><ul><li>one</li><li>two</li></ul></body></html>",
    c: "<html><body><h1>Gamma</h1></body></html>",
  });
  const predictions = tempDir("w2c-preds-");
  const runs = join(tempDir(), "runs");
  const out = join(tempDir(), "report");
  let browser: Browser;

  beforeAll(async () => {
    writeFileSync(join(predictions, "a.html"), "<html><body><h1>Alpha</h1></body></html>");
    writeFileSync(join(predictions, "b.html"), HOSTILE);
    // c has no prediction: a failed sample with its error in the gallery.
    const ran = await runCli(
      ["run", "--dataset", dataset, "--model", "reference", "--model", `replay:${predictions}`, "--out", runs, "--quiet"],
      { env },
    );
    expect(ran.code, ran.stderr).toBe(0);
    const reported = await runCli(
      ["report", join(runs, "reference"), join(runs, "replay-" + predictions.split("/").pop()!.toLowerCase()), "--out", out, "--json"],
      { env },
    );
    expect(reported.code, reported.stderr).toBe(0);
    expect(JSON.parse(reported.stdout)).toMatchObject({ html: join(out, "report.html"), markdown: join(out, "report.md"), samples: 6 });
    browser = await puppeteer.launch({ executablePath: (await findBrowser())!.path, headless: true, args: ["--no-sandbox"] });
  }, 300_000);
  afterAll(async () => browser?.close());

  it("shows the tables, loads every picture, logs no error, and runs no prediction's script", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warn") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(String(error)));
    await page.goto(`file://${join(out, "report.html")}`, { waitUntil: "load" });
    const seen = await page.evaluate(async () => {
      const images = Array.from(document.images);
      // Lazy pictures far down the page load on scroll: decode each one here instead.
      const loads = await Promise.all(
        images.map((image) =>
          Object.assign(new Image(), { src: image.src })
            .decode()
            .then(
              () => true,
              () => false,
            ),
        ),
      );
      return {
        rows: document.querySelectorAll("#aggregates tbody tr").length,
        failureRows: document.querySelectorAll("#failures tbody tr").length,
        cards: document.querySelectorAll("#cards .card").length,
        charts: document.querySelectorAll(".charts svg").length,
        images: loads.length,
        loaded: loads.filter(Boolean).length,
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        title: document.title,
        sources: Array.from(document.querySelectorAll("pre")).map((pre) => pre.textContent ?? ""),
      };
    });
    // Two charts a metric: the means with their intervals, and the per-sample distribution.
    expect(seen).toMatchObject({
      rows: 2,
      failureRows: 2,
      cards: 6,
      charts: 2 * CONTRACT_METRIC_IDS.length,
      title: "web2code-eval report",
    });
    // The screenshot on all 6 cards; both renders and their difference on the 5 whose prediction rendered
    // (c has no prediction for the replayed model, so neither of its pages was rendered there).
    expect(seen.images).toBe(6 + 3 * 5);
    expect(seen.loaded).toBe(6 + 3 * 5);
    expect(seen.pwned).toBeUndefined();
    expect(seen.sources.some((text) => text.includes("<script>window.top.__pwned = 1;"))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  /** Each aggregate table's overflow at a 1280 px wide window: 0 when nothing is cut off or hidden behind a scroll bar. */
  async function overflowAt1280(report: string): Promise<Record<string, number>> {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`file://${report}`, { waitUntil: "load" });
    const overflow = await page.$$eval("table.aggregates", (tables) =>
      Object.fromEntries(
        tables.map((table) => {
          const box = table.parentElement!;
          const cut = Math.max(
            box.scrollWidth - box.clientWidth,
            table.getBoundingClientRect().right - document.documentElement.clientWidth,
          );
          return [table.id, Math.max(0, cut)];
        }),
      ),
    );
    await page.close();
    return overflow;
  }

  it("fits its aggregate tables in a 1280 px window", async () => {
    expect(await overflowAt1280(join(out, "report.html"))).toEqual({ aggregates: 0, "aggregates-d2c": 0 });
  });

  it("fits them with every metric a run can have, long model names and several failures", async () => {
    const root = tempDir("w2c-wide-");
    const extra = ["d2c_clip", "d2c_final", "wcgb_structure", "wcgb_color", "wcgb_text", "wcgb_ui", "wcgb_overall"];
    const records = [record("a", 0.333), record("b", 1), record("c", null, "generation_timeout"), record("d", null, "render_error")];
    const dirs = ["reference", "openai-crystalchat-web2code-gpu-box-8000", "llama-server-llava-v1-5-7b-q4-k-m"].map((model) => {
      const wide = results(model, records);
      for (const id of extra) {
        wide.metrics[id] = { version: 1, higherIsBetter: true, description: id };
        wide.aggregates[id] = { mean: 0.328, median: 0.25, stderr: 0.33, n: 4 };
      }
      return writeRunDir(join(root, model), wide, records);
    });
    const reported = await runCli(["report", ...dirs, "--out", join(root, "report"), "--quiet"], { env });
    expect(reported.code, reported.stderr).toBe(0);
    expect(await overflowAt1280(join(root, "report", "report.html"))).toEqual({ aggregates: 0, "aggregates-d2c": 0, "aggregates-wcgb": 0 });
  });

  it("filters the gallery by model and status", async () => {
    const page = await browser.newPage();
    await page.goto(`file://${join(out, "report.html")}`, { waitUntil: "load" });
    expect(await page.$eval("#f-count", (node) => node.textContent)).toBe("6 shown");
    await page.select("#f-model", "reference");
    expect(await page.$eval("#f-count", (node) => node.textContent)).toBe("3 shown");
    await page.select("#f-model", "");
    await page.select("#f-status", "failed");
    expect(await page.$eval("#f-count", (node) => node.textContent)).toBe("1 shown");
    expect(await page.$eval("#cards .card:not([hidden]) .error", (node) => node.textContent)).toMatch(/^no prediction file .*c\.html$/);
    await page.close();
  });

  it("writes the same report for run's comparison, and a Markdown report beside", () => {
    expect(readFileSync(join(out, "report.md"), "utf8")).toMatch(/^# web2code-eval report\n/);
    expect(readFileSync(join(runs, "comparison.md"), "utf8")).toMatch(/^# Model comparison\n/);
    expect(existsSync(join(runs, "comparison-assets"))).toBe(true);
  });

  it("refuses runs of different datasets with exit 2 and writes nothing", async () => {
    const other = join(tempDir(), "other");
    const otherDataset = makeDataset({ z: "<html><body><p>z</p></body></html>" });
    expect((await runCli(["run", "--dataset", otherDataset, "--model", "blank", "--out", other, "--quiet"], { env })).code).toBe(0);
    const target = join(tempDir(), "mixed");
    const { code, stderr } = await runCli(["report", join(runs, "reference"), other, "--out", target], { env });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^web2code-eval: .*other: dataset fixture \(sha256:[0-9a-f]+\) differs from .*reference's \(sha256:[0-9a-f]+\); report on runs of one dataset\n$/,
    );
    expect(existsSync(target)).toBe(false);
  });

  it("says which run cannot be read", async () => {
    const broken = tempDir();
    mkdirSync(join(broken, "run"));
    writeFileSync(join(broken, "run", "results.json"), "{ not json");
    const { code, stderr } = await runCli(["report", join(broken, "run"), "--out", join(broken, "out")], { env });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^web2code-eval: .*run\/results\.json: not valid JSON \(.+\)\n$/);
  });
});
