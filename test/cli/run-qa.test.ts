import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRun } from "../../src/results/index.js";
import { runCli } from "../helpers/cli.js";
import { tempDir, whitePng } from "../helpers/dataset.js";
import { json, startServer } from "../helpers/http-server.js";

/** Web2Code's WUB form: yes/no questions about screenshots, a JSONL beside its images. */
function questions(): string {
  const root = tempDir("w2c-wub-");
  writeFileSync(join(root, "web_1.png"), whitePng(12, 9));
  mkdirSync(join(root, "sub"));
  writeFileSync(join(root, "sub", "web_2.png"), whitePng(13, 9));
  const lines = [
    { image: "web_1.png", question_id: 1, Q: "Is there a navigation bar at the top?", A: "Yes", category: "layout" },
    { image: "web_1.png", question_id: 2, Q: "Is the footer red?", A: "No", category: "color" },
    { image: "sub/web_2.png", question_id: 3, Q: "Does the page show a login form?", A: "No", category: "layout" },
  ];
  const file = join(root, "Web2Code_eval.jsonl");
  writeFileSync(file, lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
  return file;
}

describe("run --task qa: Web2Code's WUB questions, answers scored as text, nothing rendered", () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it("scores the baselines: the gold answers all right, empty answers all wrong", async () => {
    const dataset = questions();
    const runs = join(tempDir(), "runs");
    const { code, stderr, stdout } = await runCli([
      "run",
      "--task",
      "qa",
      "--dataset",
      dataset,
      "--model",
      "reference",
      "--model",
      "blank",
      "--out",
      runs,
      "--quiet",
    ]);
    // blank scores nothing, but every sample has a line: exit 0 for a run that scored.
    expect(code, stderr).toBe(0);
    const reference = readRun(join(runs, "reference"));
    expect(Object.keys(reference.results.metrics)).toEqual(["qa_accuracy", "qa_exact"]);
    expect(reference.results.aggregates.qa_accuracy!.mean).toBe(1);
    expect(reference.results.environment.chrome).toBe("none (nothing rendered)");
    expect(reference.results.qa).toEqual({
      retried: 0,
      categories: { layout: { n: 2, qa_accuracy: 1, qa_exact: 1 }, color: { n: 1, qa_accuracy: 1, qa_exact: 1 } },
    });
    expect(reference.records[0]).toMatchObject({
      status: "ok",
      stats: { pred: null, ref: null },
      qa: { question: "Is there a navigation bar at the top?", gold: "Yes", answers: ["Yes"] },
    });
    const blank = readRun(join(runs, "blank"));
    // An empty answer is not yes or no: asked again, empty again, wrong (Web2Code's rule needs the gold answer in it).
    expect(blank.results.aggregates.qa_accuracy!.mean).toBe(0);
    expect(blank.records.map((record) => record.qa?.answers)).toEqual([
      ["", ""],
      ["", ""],
      ["", ""],
    ]);
    expect(stdout).toMatch(/qa_accuracy/);
  });

  it("asks once more in the same conversation when the answer is not yes or no, and scores Web2Code's rule and the strict one", async () => {
    // Each question's first answer, and its second when asked again (in a conversation of three messages).
    const replies: Record<string, [string, string]> = {
      "Is there a navigation bar at the top?": ["I think so.", "Yes"],
      "Is the footer red?": ["NOT SURE", "No"],
      "Does the page show a login form?": ["no.", "Maybe"],
    };
    const server = await startServer((request, response) => {
      const { messages } = JSON.parse(request.body) as { messages: Array<{ content: string | Array<{ type: string; text?: string }> }> };
      const first = messages[0]!.content;
      const question = typeof first === "string" ? first : first.find((part) => part.type === "text")!.text!;
      const content = replies[question]![messages.length === 3 ? 1 : 0];
      json(response, 200, {
        choices: [{ message: { content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 2 },
      });
    });
    servers.push(server);
    const out = join(tempDir(), "asked");
    const { code, stderr } = await runCli(
      [
        "run",
        "--task",
        "qa",
        "--dataset",
        questions(),
        "--model",
        `openai:m@${server.url}/v1?temperature=0`,
        "--concurrency",
        "1",
        "--out",
        out,
        "--quiet",
      ],
      { env: { WEB2CODE_CACHE_DIR: tempDir() } },
    );
    expect(code, stderr).toBe(0);
    const { results, records } = readRun(out);
    // 1: "I think so." then "Yes" (gold Yes): right both ways. 2: "NOT SURE" then "No" (gold No): right.
    // 3: "no." (gold No): yes or no at once, right, and not asked again.
    expect(records.map((record) => record.qa?.answers)).toEqual([["I think so.", "Yes"], ["NOT SURE", "No"], ["no."]]);
    expect(records.map((record) => [record.metrics.qa_accuracy, record.metrics.qa_exact])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(results.qa?.retried).toBe(2);
    // A second try went as a conversation: the image and question, the first answer, the question again.
    const retry = server.seen.map((seen) => JSON.parse(seen.body) as { messages: Array<{ role: string; content: unknown }> });
    const body = retry.find((sent) => sent.messages.length === 3 && sent.messages[1]!.content === "I think so.")!;
    expect(body.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(body.messages[1]!.content).toBe("I think so.");
    expect(body.messages[2]!.content).toBe("Is there a navigation bar at the top?");
  });

  it("counts Web2Code's quirk: NOT SURE holds NO in its first five characters", async () => {
    const answers = tempDir();
    writeFileSync(join(answers, "1.txt"), "Yes");
    writeFileSync(join(answers, "2.txt"), "NOT SURE");
    writeFileSync(join(answers, "3.txt"), "No, there is none");
    const out = join(tempDir(), "replayed");
    const { code, stderr } = await runCli([
      "score",
      "--task",
      "qa",
      "--dataset",
      questions(),
      "--predictions",
      answers,
      "--out",
      out,
      "--quiet",
    ]);
    expect(code, stderr).toBe(0);
    const { records } = readRun(out);
    // "NOT SURE" is not yes or no, so it is asked again: a replay answers the same.
    expect(records.map((record) => [record.metrics.qa_accuracy, record.metrics.qa_exact])).toEqual([
      [1, 1],
      [1, 0],
      [1, 1],
    ]);
  });

  it("refuses the page-only flags", async () => {
    const { code, stderr } = await runCli([
      "run",
      "--task",
      "qa",
      "--dataset",
      questions(),
      "--model",
      "reference",
      "--judge",
      "openai:j@http://127.0.0.1:9/v1",
      "--out",
      join(tempDir(), "x"),
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe("web2code-eval: --judge scores rendered pages: --task qa renders none\n");
  });
});
