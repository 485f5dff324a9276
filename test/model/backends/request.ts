import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BackendContext, GenerateRequest } from "../../../src/model/types.js";

/** The screenshot task with a cache folder of the tests' own. */
export const CONTEXT: BackendContext = { task: "image2html", cacheRoot: join(tmpdir(), "w2c-test-cache") };

/** A request for one sample; tests override what they look at. */
export function request(overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    sampleId: "s1",
    task: "image2html",
    image: Buffer.alloc(0),
    instruction: "Write the HTML of this page.",
    referenceHtml: "<html><body><h1>Ref</h1></body></html>",
    viewport: { width: 1280, height: 800 },
    sampling: {},
    deadline: Date.now() + 60_000,
    ...overrides,
  };
}
