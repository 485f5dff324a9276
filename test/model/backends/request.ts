import type { GenerateRequest } from "../../../src/model/types.js";

/** A request for one sample; tests override what they look at. */
export function request(overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    sampleId: "s1",
    image: Buffer.alloc(0),
    instruction: "Write the HTML of this page.",
    referenceHtml: "<html><body><h1>Ref</h1></body></html>",
    viewport: { width: 1280, height: 800 },
    sampling: {},
    deadline: Date.now() + 60_000,
    ...overrides,
  };
}
