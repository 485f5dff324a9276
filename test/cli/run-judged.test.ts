import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRun } from "../../src/results/index.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";
import { json, startServer } from "../helpers/http-server.js";

/** Ten answers: groups 1-4 mean 7.5, 5-6 mean 5, 7-9 mean 9, 10 alone 4; overall (7.5 + 5 + 9 + 4) / 4 = 6.375. */
const SCORES = [8, 7, 9, 6, 5, 5, 9, 10, 8, 4];
const GOOD = JSON.stringify(Object.fromEntries(SCORES.map((score, i) => [`q${i + 1}`, score])));

describe("run --judge: a vision judge scores every rendered sample with the rubric", () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  async function judgeServer(reply: (index: number) => string) {
    const server = await startServer((_request, response, index) =>
      json(response, 200, {
        choices: [{ message: { content: reply(index) }, finish_reason: "stop" }],
        usage: { prompt_tokens: 900, completion_tokens: 30 },
      }),
    );
    servers.push(server);
    return server;
  }
  const env = (cache: string) => ({ WEB2CODE_CACHE_DIR: cache });

  it("records the wcgb_* scores on Web2Code's groups, the verdicts, and what the judge used", async () => {
    const server = await judgeServer(() => GOOD);
    const out = join(tempDir(), "judged");
    const { code, stderr } = await runCli(
      ["run", "--model", "reference", "--limit", "2", "--judge", `openai:judge@${server.url}/v1`, "--out", out, "--quiet"],
      { env: env(tempDir()) },
    );
    expect(code, stderr).toBe(0);
    const { results, records } = readRun(out);
    expect(Object.keys(results.metrics).slice(-5)).toEqual(["wcgb_structure", "wcgb_color", "wcgb_text", "wcgb_ui", "wcgb_overall"]);
    expect(results.absentMetrics).not.toHaveProperty("wcgb_overall");
    for (const record of records) {
      expect(record.metrics).toMatchObject({ wcgb_structure: 0.75, wcgb_color: 0.5, wcgb_text: 0.9, wcgb_ui: 0.4, wcgb_overall: 0.6375 });
      expect(record.judge?.verdict).toMatchObject({ ok: true, questions: SCORES, calls: 1, order: "reference-first" });
    }
    expect(results.aggregates.wcgb_overall!.mean).toBeCloseTo(0.6375, 12);
    expect(results.judge).toMatchObject({
      spec: `openai:judge@${server.url}/v1`,
      backend: { kind: "openai", model: "judge", placement: { baseUrl: `${server.url}/v1` } },
      rubric: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      usage: { verdicts: 2, calls: 2, errors: 0, promptTokens: 1800, completionTokens: 60 },
      agreement: { metrics: { pixel_similarity: { n: 2 } } },
    });
    // The judge saw the screenshot, then the render, each as a PNG.
    const body = JSON.parse(server.seen[0]!.body) as { messages: Array<{ content: Array<{ type: string; image_url?: { url: string } }> }> };
    const images = body.messages[0]!.content.filter((part) => part.type === "image_url").map((part) => part.image_url!.url.slice(0, 22));
    expect(images).toEqual(["data:image/png;base64,", "data:image/png;base64,"]);

    // The report shows the scores on Web2Code's scale beside the published ones, and the d2c matching of each sample.
    const report = join(tempDir(), "report");
    const reported = await runCli(["report", out, "--out", report, "--quiet"]);
    expect(reported.code, reported.stderr).toBe(0);
    const markdown = readFileSync(join(report, "report.md"), "utf8");
    expect(markdown).toContain("## Judge (WCGB, Web2Code's 0-10 scale)");
    expect(markdown).toMatch(/\| reference \| 7\.50 \| 5\.00 \| 9\.00 \| 4\.00 \| 6\.38 \| 2 \| 0 \| 2 \| 1800 \+ 60 \|/);
    expect(markdown).toContain("Published WCGB overall: CrystalChat-7B, trained with Web2Code data 8.394");
    const html = readFileSync(join(report, "report.html"), "utf8");
    expect(html.match(/<svg class="blocks"/g)).toHaveLength(2);
  });

  it("keeps an unreadable verdict as that sample's judge_error, counted, its other scores kept, and stops at --judge-max-calls", async () => {
    const server = await judgeServer((index) => (index === 0 ? GOOD : "I cannot say."));
    const out = join(tempDir(), "failing");
    const rubric = join(tempDir(), "rubric.md");
    writeFileSync(rubric, readFileSync(new URL("../../rubrics/wcgb.md", import.meta.url), "utf8").replace("# ", "# Our "));
    const { code, stderr } = await runCli(
      [
        "run",
        "--model",
        "reference",
        "--limit",
        "3",
        "--concurrency",
        "1",
        "--judge",
        `openai:judge@${server.url}/v1`,
        "--rubric",
        rubric,
        "--judge-max-calls",
        "3",
        "--out",
        out,
        "--quiet",
      ],
      { env: env(tempDir()) },
    );
    expect(code, stderr).toBe(0);
    expect(server.seen).toHaveLength(3);
    const { results, records } = readRun(out);
    expect(records.map((record) => record.status)).toEqual(["ok", "ok", "ok"]);
    const failed = records.filter((record) => record.metrics.wcgb_overall === null);
    expect(failed).toHaveLength(2);
    for (const record of failed) {
      expect(record.metrics.pixel_similarity).toBe(1);
      expect(record.judge?.verdict).toMatchObject({ ok: false, status: "judge_error" });
      expect(record.metricErrors?.wcgb_overall).toMatch(/^judge_error: /);
    }
    // One sample at a time: the first judged gets a verdict; the second's reply does not read, its re-ask spends the
    // last call; the third gets none. (Which sample is judged first is the order their renders finish.)
    const errors = failed.map((record) => (record.judge?.verdict.ok === false ? record.judge.verdict.error : ""));
    expect(errors.sort()).toEqual([
      "judge call budget exhausted (3 calls)",
      "judge call budget exhausted (3 calls) after unreadable replies",
    ]);
    // Failed verdicts count as 0 in the denominator.
    expect(results.aggregates.wcgb_overall).toMatchObject({ mean: 0.6375 / 3, n: 3 });
    expect(results.judge).toMatchObject({ rubric: { source: rubric }, usage: { calls: 3, errors: 2 } });
  });

  it("refuses a judge flag without --judge, and a rubric that is not one, before anything is written", async () => {
    const out = join(tempDir(), "never");
    const alone = await runCli(["run", "--model", "blank", "--limit", "1", "--rubric", "x.md", "--out", out]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe("web2code-eval: --rubric is a flag of the judge: give --judge SPEC too\n");
    const missing = join(tempDir(), "none.md");
    const bad = await runCli([
      "run",
      "--model",
      "blank",
      "--limit",
      "1",
      "--judge",
      "openai:j@http://127.0.0.1:9/v1",
      "--rubric",
      missing,
      "--out",
      out,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`web2code-eval: ${missing}: cannot read rubric (ENOENT)\n`);
    const boxes = await runCli(["run", "--model", "blank", "--limit", "1", "--judge", "boxes", "--out", out]);
    expect(boxes.code).toBe(2);
    expect(boxes.stderr).toMatch(/^web2code-eval: judge spec "boxes": a judge needs a chat-completions model that takes images/);
  });
});
