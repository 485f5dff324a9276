import { writeFileSync } from "node:fs";
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
});
