import { describe, expect, it } from "vitest";
import { BadInputError } from "../../src/shared/index.js";
import { modelSpecs, parsePlan } from "../../src/runner/plan.js";

describe("parsePlan", () => {
  it("applies every default once, in the plan", () => {
    const plan = parsePlan({ cacheRoot: "/tmp/cache" });
    expect(plan).toEqual({
      dataset: "mini",
      models: ["reference", "boxes", "blank"],
      task: "image2html",
      interactionPrompt: "direct",
      concurrency: 4,
      renderConcurrency: 2,
      renderTimeout: 15_000,
      generationTimeout: 600_000,
      cache: true,
      fresh: false,
      libraries: true,
      retryFailed: false,
      cacheRoot: "/tmp/cache",
      signal: expect.any(AbortSignal),
    });
    expect(plan.signal.aborted).toBe(false);
  });

  it("keeps what is given and freezes the plan to its arrays", () => {
    const signal = new AbortController().signal;
    const plan = parsePlan({
      dataset: "./d",
      models: ["blank"],
      task: "qa",
      concurrency: 2,
      cache: false,
      cacheRoot: "/c",
      signal,
    });
    expect([plan.dataset, plan.models, plan.task, plan.concurrency, plan.cache, plan.signal]).toEqual([
      "./d",
      ["blank"],
      "qa",
      2,
      false,
      signal,
    ]);
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.models)).toBe(true);
    expect(Object.isFrozen(plan.signal)).toBe(false);
  });

  it("refuses a bad value as bad input (exit 2), naming the field, with the flag's own message", () => {
    expect(() => parsePlan({ concurrency: 0, cacheRoot: "/c" })).toThrow(new BadInputError("concurrency: expected an integer >= 1"));
    expect(() => parsePlan({ width: 99, cacheRoot: "/c" })).toThrow(
      new BadInputError("width: expected a whole number of pixels from 100 to 4096"),
    );
    expect(() => parsePlan({ shard: { index: 3, count: 2 }, cacheRoot: "/c" })).toThrow(
      new BadInputError("shard: expected i/N with 1 <= i <= N, e.g. 2/8"),
    );
  });

  it("keeps --viewports as named, and refuses a bad one, a repeated one, or --width beside them", () => {
    expect(parsePlan({ viewports: ["1280x720", "390x844"], cacheRoot: "/c" }).viewports).toEqual(["1280x720", "390x844"]);
    const form = "viewports.0: expected viewports as WIDTHxHEIGHT in pixels, separated by commas, e.g. 1280x720,768x1024,390x844";
    expect(() => parsePlan({ viewports: ["390"], cacheRoot: "/c" })).toThrow(new BadInputError(form));
    expect(() => parsePlan({ viewports: ["0x844"], cacheRoot: "/c" })).toThrow(new BadInputError(form));
    expect(() => parsePlan({ viewports: [], cacheRoot: "/c" })).toThrow(new BadInputError(form.replace("viewports.0", "viewports")));
    expect(() => parsePlan({ viewports: ["390x844", "390x844"], cacheRoot: "/c" })).toThrow(
      new BadInputError("viewports: 390x844 is given twice"),
    );
    expect(() => parsePlan({ viewports: ["5000x800"], cacheRoot: "/c" })).toThrow(
      new BadInputError("viewports: 5000x800: width expected a whole number of pixels from 100 to 4096"),
    );
    expect(() => parsePlan({ viewports: ["390x844"], width: 1920, cacheRoot: "/c" })).toThrow(
      new BadInputError("--width and --viewports both set the viewport: give the width as the first of --viewports"),
    );
  });

  it("refuses a field it does not know (a program's misspelling), rather than dropping it", () => {
    expect(() => parsePlan({ cacheRoot: "/c", renderTimout: 5 } as never)).toThrow(new BadInputError('Unrecognized key: "renderTimout"'));
  });

  it("refuses a judge's flag without --judge, and --name for several models, as the command did", () => {
    expect(() => parsePlan({ judgeMaxCalls: 3, cacheRoot: "/c" })).toThrow(
      new BadInputError("--judge-max-calls is a flag of the judge: give --judge SPEC too"),
    );
    expect(() => parsePlan({ models: ["boxes", "blank"], name: "mine", cacheRoot: "/c" })).toThrow(
      new BadInputError("--name names one model, and this run has 2: name each in its spec instead, e.g. --model boxes?name=mine"),
    );
  });

  it("names the one model's spec with --name", () => {
    expect(modelSpecs(parsePlan({ models: ["replay:./preds"], name: "mine", cacheRoot: "/c" }))).toEqual(["replay:./preds?name=mine"]);
    expect(modelSpecs(parsePlan({ models: ["boxes"], cacheRoot: "/c" }))).toEqual(["boxes"]);
  });
});
