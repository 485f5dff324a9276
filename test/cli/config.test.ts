import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/cli/config.js";
import { UsageError } from "../../src/cli/errors.js";
import { tempDir } from "../helpers/dataset.js";

describe("loadConfig", () => {
  it("is empty without a file and reads models and dataset from one", () => {
    const dir = tempDir();
    expect(loadConfig(dir)).toEqual({});
    writeFileSync(join(dir, "web2code.config.json"), JSON.stringify({ models: ["boxes"], dataset: "mini" }));
    expect(loadConfig(dir)).toEqual({ models: ["boxes"], dataset: "mini" });
  });

  it.each([
    ["{", /web2code\.config\.json: not valid JSON/],
    [JSON.stringify({ modles: ["boxes"] }), /web2code\.config\.json: Unrecognized key: "modles"/],
    [JSON.stringify({ models: [] }), /web2code\.config\.json: field models: /],
  ])("refuses %s with a one-line error naming the file", (content, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, "web2code.config.json"), content);
    expect(() => loadConfig(dir)).toThrow(UsageError);
    expect(() => loadConfig(dir)).toThrow(message);
  });

  const broken: Array<[string, string | ((file: string) => void), RegExp]> = [
    ["bad JSON whose excerpt spans lines", '{\n  "models": [\n    "boxes"\n  ]\n  "dataset": "mini"\n}', /^: not valid JSON \(/],
    ["a trailing comma", '{"models": ["boxes"],}', /^: not valid JSON \(/],
    ["an empty file", "", /^: not valid JSON \(Unexpected end of JSON input\)$/],
    ["a BOM before broken JSON", "\ufeff{", /^: not valid JSON/],
    ["null", "null", /^: Invalid input: expected object, received null$/],
    ["a top-level array", "[]", /^: Invalid input: expected object, received array$/],
    ["an unknown nested key", JSON.stringify({ compare: { assertion: {} } }), /^: field compare: Unrecognized key: "assertion"$/],
    ["an unknown key holding a newline", JSON.stringify({ "mod\nels": [] }), /^: Unrecognized key: "mod els"$/],
    [
      "an unknown metric",
      JSON.stringify({ compare: { assertions: { pixel_simlarity: "warn" } } }),
      /^: field compare\.assertions\.pixel_simlarity: unknown metric \(metrics: /,
    ],
    [
      "a bad assertion level",
      JSON.stringify({ compare: { assertions: { tree_bleu: "fatal" } } }),
      /^: field compare\.assertions\.tree_bleu: expected "off", "warn", "error"/,
    ],
    [
      "a negative maxDrop",
      JSON.stringify({ compare: { assertions: { tree_bleu: ["error", { maxDrop: -1 }] } } }),
      /^: field compare\.assertions\.tree_bleu\.1\.maxDrop: Too small/,
    ],
    ["models as a string", JSON.stringify({ models: "boxes" }), /^: field models: Invalid input: expected array, received string$/],
    ["an empty model spec", JSON.stringify({ models: [""] }), /^: field models\.0: /],
    ["a numeric dataset", JSON.stringify({ dataset: 5 }), /^: field dataset: Invalid input: expected string, received number$/],
    ["a folder", (file) => mkdirSync(file), /^: config is not a file$/],
    ["a link to nothing", (file) => symlinkSync(`${file}.gone`, file), /^: config is a link that leads nowhere \(ENOENT\)$/],
    ["a link to itself", (file) => symlinkSync(file, file), /^: config is a link that leads nowhere \(ELOOP\)$/],
  ];

  it.each(broken)("refuses %s: one line, starting with the file", (_name, content, message) => {
    const dir = tempDir();
    const file = join(dir, "web2code.config.json");
    if (typeof content === "string") writeFileSync(file, content);
    else content(file);
    let error: unknown;
    try {
      loadConfig(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const text = (error as Error).message;
    expect(text.startsWith(file)).toBe(true);
    expect(text.slice(file.length)).toMatch(message);
    expect(text).not.toMatch(/[\r\n]/);
  });

  it("reads a file that starts with a byte order mark", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "web2code.config.json"), `\ufeff${JSON.stringify({ dataset: "mini" })}`);
    expect(loadConfig(dir)).toEqual({ dataset: "mini" });
  });
});
