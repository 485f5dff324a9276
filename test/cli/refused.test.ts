import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRun } from "../../src/results/index.js";
import { runCli } from "../helpers/cli.js";
import { makeDataset, tempDir } from "../helpers/dataset.js";

describe("what the sandbox refused is visible", () => {
  it("in each sample's record, in results.json's totals, in summary.md and in the report", async () => {
    const dataset = makeDataset({ a: "<p>a</p>", b: "<p>b</p>", c: "<p>c</p>" });
    const predictions = tempDir();
    // Two pages want a library no store has, one of them twice with different queries; one also wants a made-up image.
    const wants = (extra: string) =>
      `<html><head><script src="https://cdn.example.com/lib.js?v=1"></script>${extra}</head><body><p>x</p></body></html>`;
    writeFileSync(join(predictions, "a.html"), wants('<link rel="stylesheet" href="https://cdn.example.com/lib.js?v=2">'));
    writeFileSync(join(predictions, "b.html"), wants('<img src="https://images.example.org/logo.png">'));
    writeFileSync(join(predictions, "c.html"), "<p>c</p>");
    const out = join(tempDir(), "run");
    mkdirSync(out);
    const { code, stderr } = await runCli(["score", "--dataset", dataset, "--predictions", predictions, "--out", out, "--quiet"]);
    expect(code, stderr).toBe(0);
    const { results, records } = readRun(out);
    const [a, b, c] = records;
    expect(a!.render?.pred).toMatchObject({ blockedRequests: 2, refusedUrls: [{ url: "https://cdn.example.com/lib.js", count: 2 }] });
    expect(b!.render?.pred?.refusedUrls).toEqual(
      expect.arrayContaining([
        { url: "https://cdn.example.com/lib.js", count: 1 },
        { url: "https://images.example.org/logo.png", count: 1 },
      ]),
    );
    expect(c!.render?.pred).not.toHaveProperty("refusedUrls");
    expect(results.refusedRequests).toEqual({
      total: 4,
      samples: 2,
      urls: [
        { url: "https://cdn.example.com/lib.js", count: 3 },
        { url: "https://images.example.org/logo.png", count: 1 },
      ],
    });
    expect(readFileSync(join(out, "summary.md"), "utf8")).toContain(
      "The sandbox refused 4 requests of 2 predictions; most asked for: https://cdn.example.com/lib.js (3), https://images.example.org/logo.png (1).",
    );
    const report = join(tempDir(), "report");
    expect((await runCli(["report", out, "--out", report, "--quiet"])).code).toBe(0);
    expect(readFileSync(join(report, "report.md"), "utf8")).toContain(
      "## Requests the sandbox refused (most frequent)\n\n| model | URL | requests |\n| --- | --- | --- |\n| replay-",
    );
  });
});
