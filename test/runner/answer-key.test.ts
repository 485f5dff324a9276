import { describe, expect, it } from "vitest";
import type { Dataset, Sample } from "../../src/datasets/index.js";
import { createBackend } from "../../src/model/spec.js";
import type { Backend, GenerateReply, GenerateRequest, ModelBackend, Task } from "../../src/model/types.js";
import { GenerationCache } from "../../src/runner/generation-cache.js";
import type { RenderCache } from "../../src/runner/render-cache.js";
import type { RunDirectory } from "../../src/runner/run-dir.js";
import { runQaSample } from "../../src/runner/run-qa-sample.js";
import { runSample, type SampleContext } from "../../src/runner/run-sample.js";
import { tempDir, whitePng } from "../helpers/dataset.js";

/**
 * The answer key stays in the dataset: the runner sends a model what a model may see, and gives the
 * sample's answer (reference HTML, gold answer) to the `reference` baseline alone, apart from the
 * request. (The types that forbid it: test/model/backends/reference.test.ts.)
 */
const REFERENCE_HTML = "<html><body><h1>The answer page</h1></body></html>";
const GOLD = "Blue";
const DATASET = { instruction: "Write the HTML of this page.", viewport: { width: 1280, height: 800 } } as Dataset;

const pageSample: Sample = {
  id: "page",
  readImage: async () => whitePng(),
  readHtml: async () => REFERENCE_HTML,
  pagePath: "page.html",
  description: "A page with one heading.",
  tags: [],
};
const question: Sample = {
  id: "q",
  readImage: async () => whitePng(),
  pagePath: "",
  tags: [],
  question: "What colour is the logo?",
  answer: GOLD,
};

/** A model that keeps every request it is sent and answers with `text` (an error when none). */
function recordingModel(text?: string): ModelBackend & { sent: GenerateRequest[]; extraArguments: unknown[] } {
  const sent: GenerateRequest[] = [];
  const extraArguments: unknown[] = [];
  return {
    id: "recorder",
    sent,
    extraArguments,
    describe: () => ({ id: "recorder", kind: "test", spec: "recorder", identity: {}, placement: {} }),
    generate: async (request: GenerateRequest, _signal: AbortSignal, ...rest: unknown[]): Promise<GenerateReply> => {
      sent.push(request);
      extraArguments.push(...rest);
      return text === undefined ? { ok: false, status: "generation_error", error: "recorded" } : { ok: true, text, finishReason: "stop" };
    },
  };
}

/** What the runner needs of a sample's context to generate (the rest is never reached, or stubbed by `extra`). */
function context(
  task: Task,
  backend: Backend,
  extra: { runDir?: Pick<RunDirectory, "writePrediction">; renders?: Pick<RenderCache, "render"> } = {},
): SampleContext {
  return {
    dataset: DATASET,
    task,
    backend,
    generations: new GenerationCache(tempDir("w2c-cache-"), false),
    metricIds: [] as readonly string[],
    generationTimeout: 60_000,
    limitGeneration: <T>(work: () => Promise<T>) => work(),
    signal: new AbortController().signal,
    ...extra,
  } as SampleContext;
}

/** Anything of the answer in what was sent: its fields, or its text anywhere in the request. */
function leaks(request: GenerateRequest): string[] {
  const { image: _image, ...rest } = request;
  const text = JSON.stringify(rest);
  return [
    ...Object.keys(request).filter((name) => /reference|answer|gold/i.test(name)),
    ...[REFERENCE_HTML, GOLD].filter((answer) => text.includes(answer)),
  ];
}

describe("a model's request carries nothing of the answer", () => {
  it.each(["image2html", "text2html"] as const)("task %s: the reference HTML is not sent", async (task) => {
    const model = recordingModel();
    const record = await runSample(context(task, model), pageSample);
    expect(record.status).toBe("generation_error");
    expect(model.sent).toHaveLength(1);
    expect(leaks(model.sent[0]!)).toEqual([]);
    expect(model.extraArguments).toEqual([]);
  });

  it("task qa: the gold answer is not sent, neither the first time nor when the question is asked again", async () => {
    const model = recordingModel("I cannot tell");
    const record = await runQaSample(context("qa", model), question);
    expect(record.status).toBe("ok");
    // Not yes or no: asked once more, as Web2Code's script does.
    expect(model.sent).toHaveLength(2);
    expect(model.sent.flatMap(leaks)).toEqual([]);
    expect(model.sent[0]!.question).toBe(question.question);
    expect(model.extraArguments).toEqual([]);
  });
});

describe("the reference baseline is given the answer by the runner, apart from the request", () => {
  it("answers a question with the gold answer (asked again too, as the answer is not yes or no)", async () => {
    const backend = await createBackend("reference", { task: "qa", cacheRoot: tempDir() });
    const record = await runQaSample(context("qa", backend), question);
    expect(record.qa?.answers).toEqual([GOLD, GOLD]);
    expect(record.metrics).toMatchObject({ qa_accuracy: 1 });
  });

  it("answers a page with the reference HTML", async () => {
    const backend = await createBackend("reference", { task: "image2html", cacheRoot: tempDir() });
    const predictions = new Map<string, string>();
    const runDir = { writePrediction: (id: string, html: string) => void predictions.set(id, html) };
    // No browser here: the render fails, after the prediction is written.
    const renders: Pick<RenderCache, "render"> = {
      render: async () => ({ ok: false, status: "render_error", error: "not rendered in this test" }),
    };
    const record = await runSample(context("image2html", backend, { runDir, renders }), pageSample);
    expect(record.status).toBe("render_error");
    expect(predictions.get("page")).toBe(REFERENCE_HTML);
  });
});
