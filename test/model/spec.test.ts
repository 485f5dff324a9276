import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/dataset.js";
import { CONTEXT } from "./backends/request.js";
import { ModelSpecError } from "../../src/model/errors.js";
import { createBackend, MODEL_SPEC_FORMS, modelSlug, parseModelSpec, withModelName } from "../../src/model/spec.js";

/** The message a spec's ModelSpecError carries. */
function specError(spec: string): string {
  try {
    parseModelSpec(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelSpecError);
    return (error as Error).message;
  }
  throw new Error(`"${spec}" parsed`);
}

describe("parseModelSpec", () => {
  it("parses the bare kinds", () => {
    for (const kind of ["reference", "blank", "boxes"] as const) {
      expect(parseModelSpec(kind)).toEqual({ spec: kind, kind, slug: kind, sampling: {}, options: {} });
    }
  });

  it("parses replay:PDIR", () => {
    expect(parseModelSpec("replay:/runs/gpt/predictions")).toMatchObject({ kind: "replay", dir: "/runs/gpt/predictions" });
  });

  it("parses openai:MODEL@BASE_URL with a query after the URL", () => {
    expect(parseModelSpec("openai:llava:13b@http://127.0.0.1:11434/v1?profile=chatml&temperature=0.2&max_tokens=4096")).toEqual({
      spec: "openai:llava:13b@http://127.0.0.1:11434/v1?profile=chatml&temperature=0.2&max_tokens=4096",
      kind: "openai",
      model: "llava:13b",
      baseUrl: "http://127.0.0.1:11434/v1",
      profile: "chatml",
      sampling: { temperature: 0.2, max_tokens: 4096 },
      options: {},
      slug: "openai-llava-13b-max_tokens-4096-profile-chatml-temperature-0.2",
    });
  });

  it("keeps kind-specific options unparsed, percent-decoded", () => {
    expect(parseModelSpec("llama-server:/m/llava.gguf?mmproj=/m/mm%20proj.gguf&ngl=99&np=2&ctx=8192&seed=7")).toMatchObject({
      kind: "llama-server",
      gguf: "/m/llava.gguf",
      sampling: { seed: 7 },
      options: { mmproj: "/m/mm proj.gguf", ngl: "99", np: "2", ctx: "8192" },
    });
    expect(parseModelSpec("llama:/m/a.gguf?gpu=auto&threads=8")).toMatchObject({ kind: "llama", options: { gpu: "auto", threads: "8" } });
  });

  it("validates every sampling number", () => {
    expect(parseModelSpec("boxes?temperature=0&top_p=1&seed=0&max_tokens=1").sampling).toEqual({
      temperature: 0,
      top_p: 1,
      seed: 0,
      max_tokens: 1,
    });
    expect(specError("boxes?temperature=abc")).toBe('model spec "boxes?temperature=abc": temperature must be a number >= 0, got "abc"');
    expect(specError("boxes?temperature=")).toMatch(/temperature must be/);
    expect(specError("boxes?temperature=-0.1")).toMatch(/temperature must be/);
    expect(specError("boxes?temperature=0x1")).toMatch(/temperature must be/);
    expect(specError("boxes?top_p=0")).toMatch(/top_p must be a number in \(0, 1\], got "0"/);
    expect(specError("boxes?top_p=1.5")).toMatch(/top_p must be/);
    expect(specError("boxes?seed=1.5")).toMatch(/seed must be an integer >= 0/);
    expect(specError("boxes?seed=-1")).toMatch(/seed must be/);
    expect(specError("boxes?max_tokens=0")).toMatch(/max_tokens must be an integer >= 1/);
    expect(specError("boxes?max_tokens=Infinity")).toMatch(/max_tokens must be/);
  });

  it("rejects malformed queries, naming the parameter", () => {
    expect(specError("boxes?temprature=1")).toBe(
      'model spec "boxes?temprature=1": unknown parameter "temprature" (did you mean "temperature"?); boxes takes name, profile, temperature, top_p, seed, max_tokens',
    );
    expect(specError("boxes?zzz=1")).toBe(
      'model spec "boxes?zzz=1": unknown parameter "zzz"; boxes takes name, profile, temperature, top_p, seed, max_tokens',
    );
    expect(specError("boxes?mmproj=x")).toMatch(/unknown parameter "mmproj"/);
    expect(specError("boxes?seed=1&seed=2")).toMatch(/parameter "seed" is given twice/);
    expect(specError("boxes?seed")).toMatch(/expected NAME=VALUE in the query, got "seed"/);
    expect(specError("boxes?profile=a%zz")).toMatch(/bad percent-encoding/);
    expect(specError("boxes?profile=../x")).toMatch(/profile must be a name/);
  });

  it("rejects a missing or extra argument", () => {
    expect(specError("reference:x")).toBe('model spec "reference:x": reference takes no argument after ":"');
    expect(specError("replay:")).toBe('model spec "replay:": expected replay:PDIR');
    expect(specError("llama-server")).toBe('model spec "llama-server": expected llama-server:GGUF');
    expect(specError("openai:gpt-4o")).toMatch(/expected openai:MODEL@BASE_URL/);
    expect(specError("openai:gpt-4o@ftp://host/v1")).toMatch(/base URL "ftp:\/\/host\/v1" is not an http\(s\) URL/);
  });

  it("lists the valid forms, in one line, for an unknown spec", () => {
    const message = specError("gpt-4o");
    expect(message).toBe(`model spec "gpt-4o": unknown model; valid forms are ${MODEL_SPEC_FORMS}`);
    expect(message).not.toContain("\n");
    for (const form of [
      "reference",
      "blank",
      "boxes",
      "replay:PDIR",
      "openai:MODEL@BASE_URL",
      "llama-server:GGUF",
      "llama:GGUF",
      "temperature=",
    ]) {
      expect(message).toContain(form);
    }
    expect(specError("")).toMatch(/unknown model;/);
    expect(specError("Reference")).toMatch(/unknown model \(did you mean "reference"\?\)/);
  });

  it("suggests the kind a mistyped spec most likely meant, with the rest of the spec", () => {
    expect(specError("blnak")).toBe(`model spec "blnak": unknown model (did you mean "blank"?); valid forms are ${MODEL_SPEC_FORMS}`);
    expect(specError("replya:./preds?name=a")).toBe(
      `model spec "replya:./preds?name=a": unknown model (did you mean "replay:./preds?name=a"?); valid forms are ${MODEL_SPEC_FORMS}`,
    );
    expect(specError("lama-server:/m.gguf")).toMatch(
      /^model spec "lama-server:\/m.gguf": unknown model \(did you mean "llama-server:\/m.gguf"\?\);/,
    );
    expect(specError("gpt-4o")).not.toContain("did you mean");
  });

  it("takes name=NAME, the model's id in place of its slug, and checks it", () => {
    const named = parseModelSpec("replay:/a/preds?name=sysA");
    expect([named.kind, named.name, named.slug, named.options, named.sampling]).toEqual(["replay", "sysA", "sysA", {}, {}]);
    expect(parseModelSpec("openai:gpt-4o@https://api.example.com/v1?temperature=0&name=gpt-4o.march_2026").slug).toBe("gpt-4o.march_2026");
    const rule = 'name must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit';
    expect(specError("replay:/p?name=../x")).toBe(`model spec "replay:/p?name=../x": ${rule}, got "../x"`);
    expect(specError("replay:/p?name=")).toBe(`model spec "replay:/p?name=": ${rule}, got ""`);
    expect(specError("replay:/p?name=a%20b")).toBe(`model spec "replay:/p?name=a%20b": ${rule}, got "a b"`);
    expect(specError(`boxes?name=${"a".repeat(65)}`)).toMatch(/name must be 1 to 64/);
    expect(parseModelSpec(`boxes?name=${"a".repeat(64)}`).slug).toBe("a".repeat(64));
  });
});

describe("withModelName", () => {
  it("adds name=NAME to a spec's query (--name), percent-encoded", () => {
    expect(withModelName("replay:./preds", "sysA")).toBe("replay:./preds?name=sysA");
    expect(withModelName("boxes?seed=1", "mine")).toBe("boxes?seed=1&name=mine");
    expect(parseModelSpec(withModelName("replay:./preds", "sysA")).slug).toBe("sysA");
  });

  it("refuses a spec that names its model already, and a spec that does not parse", () => {
    expect(() => withModelName("replay:./preds?name=a", "b")).toThrow(
      new ModelSpecError('model spec "replay:./preds?name=a" names its model "a" already: give --name or name=, not both'),
    );
    expect(() => withModelName("blnak", "b")).toThrow(ModelSpecError);
  });
});

describe("createBackend", () => {
  it("builds the baselines with the spec's sampling", async () => {
    const backend = await createBackend("boxes?temperature=0&profile=chatml", CONTEXT);
    expect(backend.id).toBe("boxes-profile-chatml-temperature-0");
    expect(backend.sampling).toEqual({ temperature: 0 });
    expect(backend.describe()).toMatchObject({
      id: "boxes-profile-chatml-temperature-0",
      kind: "boxes",
      spec: "boxes?temperature=0&profile=chatml",
      identity: { profile: "chatml", sampling: { temperature: 0 } },
      placement: {},
    });
    // A named model: the name is its id and is recorded with what fixes its output.
    expect((await createBackend("reference?name=mine", CONTEXT)).describe()).toEqual({
      id: "mine",
      kind: "reference",
      spec: "reference?name=mine",
      identity: { name: "mine", sampling: {} },
      placement: {},
    });
    expect((await createBackend("reference", CONTEXT)).describe()).toEqual({
      id: "reference",
      kind: "reference",
      spec: "reference",
      identity: { sampling: {} },
      placement: {},
    });
  });

  it("builds an openai backend that records the server's template, the sampling in force and extra body fields", async () => {
    const spec = "openai:gpt-4o@https://api.example.com/v1?temperature=0.5&body.top_k=40&key_env=EXAMPLE_KEY";
    expect((await createBackend(spec, CONTEXT)).describe()).toMatchObject({
      id: "openai-gpt-4o-body.top_k-40-key_env-example_key-temperature-0.5",
      kind: "openai",
      identity: {
        model: "gpt-4o",
        profile: { name: "server", template: "the server's chat template", stop: [] },
        sampling: { temperature: 0.5 },
        extraBody: { top_k: 40 },
      },
      // Where the server is and where the key comes from change nothing in the output.
      placement: { baseUrl: "https://api.example.com/v1", apiKeyFrom: "EXAMPLE_KEY" },
    });
  });

  it("refuses the screenshot task in process, naming the llama-server backend", async () => {
    const model = join(tempDir(), "m.gguf");
    writeFileSync(model, "");
    await expect(createBackend(`llama:${model}`, CONTEXT)).rejects.toThrow(
      `model spec "llama:${model}": node-llama-cpp has no image input; for screenshots use llama-server:GGUF?mmproj=PATH (llama.cpp's server), or run this model with --task text2html`,
    );
    await expect(createBackend(`llama:${model}`, { ...CONTEXT, task: "text2html" })).resolves.toBeDefined();
  });

  it("refuses llama-server specs that cannot work before anything starts", async () => {
    const model = join(tempDir(), "m.gguf");
    writeFileSync(model, "");
    await expect(createBackend(`llama-server:${model}`, CONTEXT)).rejects.toThrow(
      `model spec "llama-server:${model}": --task image2html shows the model the screenshot: add mmproj=PATH, the model's image projector (or use --task text2html)`,
    );
    await expect(createBackend(`llama-server:${model}?mmproj=/nope.gguf`, CONTEXT)).rejects.toThrow(
      `mmproj file "/nope.gguf" does not exist`,
    );
    await expect(createBackend(`llama-server:${model}?np=0`, { ...CONTEXT, task: "text2html" })).rejects.toThrow(
      `np must be an integer >= 1, got "0"`,
    );
    await expect(createBackend(`llama-server:${model}?ngl=most`, { ...CONTEXT, task: "text2html" })).rejects.toThrow(
      `ngl must be a number of layers, auto or all, got "most"`,
    );
    await expect(createBackend(`llama-server:${model}?profile=nope`, { ...CONTEXT, task: "text2html" })).rejects.toThrow(
      `model spec "llama-server:${model}?profile=nope": unknown profile "nope"; known profiles are crystalchat-web2code, llava-v1.5, chatml, server`,
    );
  });

  it("throws ModelSpecError for an unknown spec", async () => {
    await expect(createBackend("nope", CONTEXT)).rejects.toThrow(ModelSpecError);
  });
});

describe("modelSlug", () => {
  it.each([
    ["reference", "reference"],
    ["blank", "blank"],
    ["boxes", "boxes"],
    ["replay:/x/preds", "replay-preds"],
    ["replay:/x/preds/", "replay-preds"],
    ["replay:.", "replay"],
    ["openai:gpt-4o@https://api.openai.com/v1", "openai-gpt-4o"],
    ["openai:Qwen/Qwen2-VL-7B-Instruct@http://localhost:8000/v1", "openai-qwen-qwen2-vl-7b-instruct"],
    ["llama-server:/models/llava-v1.5-7b-Q4_K_M.gguf", "llama-server-llava-v1.5-7b-q4_k_m"],
    ["llama:C:\\models\\CrystalChat.GGUF", "llama-c-models-crystalchat"],
    ["boxes?temperature=0.50&seed=3", "boxes-seed-3-temperature-0.5"],
    ["boxes?seed=3&temperature=.5", "boxes-seed-3-temperature-0.5"],
  ])("%s → %s", (spec, slug) => {
    expect(modelSlug(spec)).toBe(slug);
  });

  it("cuts long slugs to 64 characters, ending in a hash", () => {
    const spec = `openai:${"very-long-model-name-".repeat(5)}@http://h/v1?temperature=0.7`;
    const slug = modelSlug(spec);
    expect(slug).toMatch(/^openai-very-long-model-name-very-long-model-name-very-l-[0-9a-f]{8}$/);
    expect(slug.length).toBeLessThanOrEqual(64);
    expect(modelSlug(spec)).toBe(slug);
    expect(modelSlug(spec.replace("0.7", "0.8"))).not.toBe(slug);
  });

  it("only ever uses [a-z0-9._-]", () => {
    for (const spec of ["openai:Ünïcode Model!@http://h", "replay:/tmp/My Preds (v2)", "llama:/m/..hidden.gguf?threads=4"]) {
      expect(modelSlug(spec)).toMatch(/^[a-z0-9][a-z0-9._-]{0,63}$/);
    }
  });
});
