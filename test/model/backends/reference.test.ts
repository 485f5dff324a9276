import { describe, expect, it } from "vitest";
import { createBackend } from "../../../src/model/spec.js";
import type { Backend, BaselineBackend, GenerateRequest, ModelBackend, ReferenceKey } from "../../../src/model/types.js";
import { CONTEXT, createModel, request } from "./request.js";

const REFERENCE_HTML = "<html><body><h1>Ref</h1></body></html>";
const signal = new AbortController().signal;

/** The `reference` baseline, which reads the dataset. */
async function reference(context = CONTEXT): Promise<BaselineBackend> {
  const backend: Backend = await createBackend("reference", context);
  if (!backend.baseline) throw new Error("reference is expected to be a baseline");
  return backend;
}

describe("the reference baseline", () => {
  it("answers with the sample's reference HTML, given as its answer key", async () => {
    const reply = await (await reference()).generate(request(), signal, { referenceHtml: REFERENCE_HTML });
    expect(reply).toEqual({ ok: true, text: REFERENCE_HTML, finishReason: "stop" });
  });

  it("answers a question with its gold answer", async () => {
    const backend = await reference({ ...CONTEXT, task: "qa" });
    const reply = await backend.generate(request({ task: "qa", question: "Is there a logo?" }), signal, { referenceAnswer: "Yes" });
    expect(reply).toEqual({ ok: true, text: "Yes", finishReason: "stop" });
  });

  it("is the only kind that is a baseline: every other spec makes a model, and no reply of it is cached", async () => {
    expect((await reference()).baseline).toBe(true);
    expect("cacheFingerprint" in (await reference())).toBe(false);
    for (const spec of ["blank", "boxes"]) expect((await createBackend(spec, CONTEXT)).baseline).toBeFalsy();
  });
});

describe("the answer key never reaches a model (checked by tsc: `npx tsc --noEmit -p .` covers test/)", () => {
  it("cannot be put in a request, nor handed to a model backend", async () => {
    const key: ReferenceKey = { referenceHtml: REFERENCE_HTML };
    const model: ModelBackend = await createModel("blank");
    // @ts-expect-error a request carries no reference HTML
    const withHtml: GenerateRequest = { ...request(), referenceHtml: REFERENCE_HTML };
    // @ts-expect-error nor a gold answer
    const withAnswer: GenerateRequest = { ...request(), referenceAnswer: "Yes" };
    // @ts-expect-error nor the answer key spread into it
    const withKey: GenerateRequest = { ...request(), ...key };
    // @ts-expect-error a model's generate() takes no answer key
    await model.generate(request(), signal, key);
    // @ts-expect-error a baseline is no model: it cannot stand where a model is asked for (a judge)
    const asModel: ModelBackend = await reference();
    // The lines above compile only because each is expected to fail; at run time they are plain objects.
    expect([withHtml, withAnswer, withKey, asModel].every(Boolean)).toBe(true);
  });
});
