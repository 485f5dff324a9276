import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBackend } from "../../../src/model/spec.js";
import type { BackendContext, GenerateRequest, ModelBackend } from "../../../src/model/types.js";

/** The screenshot task with a cache folder of the tests' own. */
export const CONTEXT: BackendContext = { task: "image2html", cacheRoot: join(tmpdir(), "w2c-test-cache") };

/** A request for one sample; tests override what they look at. */
export function request(overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    sampleId: "s1",
    task: "image2html",
    image: Buffer.alloc(0),
    instruction: "Write the HTML of this page.",
    viewport: { width: 1280, height: 800 },
    sampling: {},
    deadline: Date.now() + 60_000,
    ...overrides,
  };
}

/** The backend of a spec that names a model: every kind but the `reference` baseline, which reads the dataset. */
export async function createModel(spec: string, context: BackendContext = CONTEXT): Promise<ModelBackend> {
  const backend = await createBackend(spec, context);
  if (backend.baseline) throw new Error(`"${spec}" is a baseline that reads the dataset, not a model`);
  return backend;
}
