import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseColumns } from "../../src/datasets/columns.js";
import { DatasetError } from "../../src/datasets/errors.js";

describe("parseColumns (--columns)", () => {
  it("reads ROLE=COLUMN pairs, spaces around them dropped, spaces inside a column name kept", () => {
    expect(parseColumns("image=image,html=text")).toEqual({ image: "image", html: "text" });
    expect(parseColumns(" id = img_fname , html=My Code ")).toEqual({ id: "img_fname", html: "My Code" });
    expect(parseColumns("image=a=b")).toEqual({ image: "a=b" });
  });

  it("refuses a pair that is not ROLE=COLUMN, and a role given twice, naming it", () => {
    expect(() => parseColumns("image")).toThrow(new DatasetError('--columns: "image" is not ROLE=COLUMN (e.g. image=image,html=text)'));
    expect(() => parseColumns("image=")).toThrow(/"image=" is not ROLE=COLUMN/);
    expect(() => parseColumns("Image=x")).toThrow(/"Image=x" is not ROLE=COLUMN/);
    expect(() => parseColumns("image=a,image=b")).toThrow(new DatasetError("--columns: image is given twice"));
  });

  it("takes a role that an object's prototype has (constructor) as any other", () => {
    expect(parseColumns("constructor=x")).toEqual({ constructor: "x" });
  });
});

describe("the source", () => {
  const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
    );

  it("has no `as unknown as` cast: a value's type is checked (a parse, a guard), never forced", () => {
    const casts = files(SRC).filter((file) => /\bas unknown as\b/.test(readFileSync(file, "utf8")));
    expect(casts).toEqual([]);
  });
});
