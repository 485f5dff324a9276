import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ModelSpecError } from "../../../src/model/errors.js";
import { createBackend } from "../../../src/model/spec.js";
import { tempDir } from "../../helpers/dataset.js";
import { FAKE_LLAMA_SERVER, fakeLlama } from "../../helpers/fake-llama.js";
import { CONTEXT } from "./request.js";

describe("llama-server backend against a server that reports no image input (stand-in server)", () => {
  const fake = fakeLlama();
  afterEach(() => {
    vi.unstubAllEnvs();
    fake.kill();
  });

  it("refuses the screenshot task with the files it was given, and stops the server", async () => {
    for (const [name, value] of Object.entries(fake.env("no-vision"))) vi.stubEnv(name, value);
    const dir = tempDir();
    const [model, mmproj] = [join(dir, "model.gguf"), join(dir, "audio-mmproj.gguf")];
    writeFileSync(model, "GGUF model");
    writeFileSync(mmproj, "GGUF projector");
    const backend = await createBackend(`llama-server:${model}?mmproj=${mmproj}&bin=${FAKE_LLAMA_SERVER}`, CONTEXT);
    const opening = backend.open!({ concurrency: 1, logDir: dir, signal: new AbortController().signal });
    await expect(opening).rejects.toThrow(ModelSpecError);
    await expect(opening).rejects.toThrow(
      `model spec "llama-server:${model}?mmproj=${mmproj}&bin=${FAKE_LLAMA_SERVER}": llama-server reports no image input for ${model} with ${mmproj}: is it the model's projector?`,
    );
    expect(fake.running()).toEqual([]);
    expect(fake.requests()).toEqual([]);
  });
});
