import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reportMarkdown } from "../../src/report/markdown.js";
import type { LoadedRun } from "../../src/results/index.js";
import { record, results } from "../helpers/runs.js";

function run(model: string, records: ReturnType<typeof record>[]): LoadedRun {
  const built = results(model, records);
  built.model = {
    id: model,
    kind: "fixture",
    spec: model,
    profile: { name: "chatml", templateSha256: "ab12" },
    sampling: { temperature: 0 },
    placement: {},
  };
  return { dir: `/runs/${model}`, results: built, records };
}

describe("reportMarkdown", () => {
  it("matches the golden report: table with the best in bold, failures, worst samples, provenance", () => {
    const runs = [
      run("good", [record("a", 1), record("b", 0.5), record("c", 0.75)]),
      run("bad", [record("a", 0.25), { ...record("b", null), error: "render timed out | after 15 s" }, record("c", 0.5)]),
    ];
    const golden = readFileSync(new URL("./golden/report.md", import.meta.url), "utf8");
    expect(reportMarkdown("Nightly report", runs, ["good", "../bad"])).toBe(golden);
  });
});
