import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILTIN_DATASETS_DIR, DatasetProblems, loadDataset, manifestJsonSchema, ManifestSchema, MANIFEST_SCHEMA_PATH } from "../../src/datasets/index.js";
import { makeDataset } from "../helpers/dataset.js";

const shipped = JSON.parse(readFileSync(MANIFEST_SCHEMA_PATH, "utf8")) as Record<string, unknown>;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(shipped);

describe("schemas/dataset.schema.json", () => {
  it("is what the loader's own schema writes (npm run build:schemas), and the package ships it", () => {
    expect(shipped).toEqual(manifestJsonSchema());
    expect(shipped.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { files: string[] };
    expect(manifest.files).toContain("schemas");
  });

  it("accepts the built-in dataset's dataset.json and a question sample", () => {
    expect(validate(JSON.parse(readFileSync(join(BUILTIN_DATASETS_DIR, "mini", "dataset.json"), "utf8"))), JSON.stringify(validate.errors)).toBe(true);
    const qa = { id: "wub", version: "1", description: "", licence: "CC0-1.0", instruction: "x", samples: [{ id: "q1", image: "a.png", question: "Blue?", answer: "No" }] };
    expect(validate(qa)).toBe(true);
    expect(ManifestSchema.safeParse(qa).success).toBe(true);
  });

  it("agrees with the loader's schema on generated manifests (fast-check)", () => {
    const valid = JSON.parse(readFileSync(join(makeDataset({ a: "<p>a</p>", b: "<p>b</p>" }), "dataset.json"), "utf8")) as Record<string, unknown>;
    const value = fc.oneof(
      fc.constantFrom<unknown>("", "a", "a b", "../x", "\u0000", "x".repeat(129), 0, 99, 100, 8192, 8193, 640.5, null, true, [], {}, ["t"], { width: 640, height: 360 }),
      fc.jsonValue(),
    );
    const fields = ["id", "version", "description", "licence", "viewport", "instruction", "samples", "extra"];
    const sampleFields = ["id", "html", "image", "description", "tags", "question", "answer", "category", "extra"];
    const edit = fc.oneof(
      fc.tuple(fc.constantFrom(...fields).map((f): Array<string | number> => [f]), fc.option(value, { nil: undefined })),
      fc.tuple(
        fc.tuple(fc.constant("samples"), fc.nat({ max: 1 }), fc.constantFrom(...sampleFields)).map((p): Array<string | number> => p),
        fc.option(value, { nil: undefined }),
      ),
      fc.tuple(fc.constantFrom<Array<string | number>>(["viewport", "width"], ["viewport", "height"]), fc.option(value, { nil: undefined })),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const manifest = structuredClone(valid);
        for (const [path, replacement] of edits) {
          let node: unknown = manifest;
          for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown> | null)?.[key];
          if (typeof node !== "object" || node === null) continue;
          if (replacement === undefined) delete (node as Record<string | number, unknown>)[path.at(-1)!];
          else (node as Record<string | number, unknown>)[path.at(-1)!] = structuredClone(replacement);
        }
        expect(validate(manifest), JSON.stringify(manifest)).toBe(ManifestSchema.safeParse(manifest).success);
      }),
      { numRuns: 1000, seed: 20261201 },
    );
  });
});

describe("a hand-written dataset.json", () => {
  it("has every problem reported at once, one line each", async () => {
    const root = makeDataset({ a: "<p>a</p>", b: "<p>b</p>" });
    const file = join(root, "dataset.json");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { samples: Array<Record<string, unknown>> } & Record<string, unknown>;
    delete manifest.licence;
    manifest.version = 2;
    manifest.samples[0]!.tag = ["x"];
    manifest.samples[1]!.image = "";
    writeFileSync(file, JSON.stringify(manifest));
    let error: unknown;
    try {
      await loadDataset(root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetProblems);
    expect((error as DatasetProblems).problems).toEqual([
      `${file}: field version: Invalid input: expected string, received number`,
      `${file}: field licence: Invalid input: expected string, received undefined`,
      `${file}: field samples.0: Unrecognized key: "tag"`,
      `${file}: field samples.1.image: Too small: expected string to have >=1 characters`,
    ]);
  });

  it("then has every problem of its files reported at once", async () => {
    const root = makeDataset({ a: "<p>a</p>", b: "<p>b</p>", c: "<p>c</p>" });
    writeFileSync(join(root, "screenshots", "a.png"), "GIF89a");
    writeFileSync(join(root, "pages", "c.html"), Buffer.from([0x3c, 0x70, 0x3e, 0xff]));
    const file = join(root, "dataset.json");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { samples: Array<Record<string, unknown>> };
    manifest.samples[1]!.html = "../b.html";
    writeFileSync(file, JSON.stringify(manifest));
    // A path that leaves the folder ends the load before any file is read: fixed first, the files' problems show.
    await expect(loadDataset(root)).rejects.toThrow(`${file}: field samples.1.html: "../b.html" leaves the dataset folder`);
    manifest.samples[1]!.html = "pages/b.html";
    writeFileSync(file, JSON.stringify(manifest));
    let error: unknown;
    try {
      await loadDataset(root);
    } catch (e) {
      error = e;
    }
    expect((error as DatasetProblems).problems).toEqual([
      `${join(root, "screenshots", "a.png")}: not a PNG file (sample a)`,
      `${join(root, "pages", "c.html")}: reference HTML is not UTF-8 (byte 3; sample c)`,
    ]);
  });
});
