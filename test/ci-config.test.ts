import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import config from "../vitest.config.js";
import { BROWSER_TESTS, E2E_TESTS } from "./tiers.js";

/** What keeps CI honest: checked here, since a change to the config would pass silently otherwise. */
describe("the test configuration CI runs", () => {
  it("fails on a stray .only instead of running that test alone", () => {
    expect(config.test?.allowOnly).toBe(false);
  });

  it("lists the skipped tests with their reasons after the run", () => {
    expect(config.test?.reporters).toEqual(["default", "./test/helpers/skipped-reporter.ts"]);
  });
});

describe("the test tiers (test/tiers.ts)", () => {
  const projects = (config.test?.projects ?? []) as Array<{ test: Record<string, unknown> & { name: string } }>;
  const project = (name: string) => projects.find((p) => p.test.name === name)?.test;

  it("are three projects: unit in parallel behind the guard, then browser, then e2e, one file at a time", () => {
    expect(projects.map((p) => p.test.name)).toEqual(["unit", "browser", "e2e"]);
    expect(project("unit")).toMatchObject({
      fileParallelism: true,
      isolate: false,
      setupFiles: ["test/helpers/unit-guard.ts"],
      sequence: { groupOrder: 0 },
    });
    expect(project("browser")).toMatchObject({ fileParallelism: false, sequence: { groupOrder: 1 } });
    expect(project("e2e")).toMatchObject({ fileParallelism: false, sequence: { groupOrder: 2 } });
  });

  it("name files that exist, each in one tier only", () => {
    const listed = [...BROWSER_TESTS, ...E2E_TESTS];
    expect(listed.filter((file) => !existsSync(new URL(`../${file}`, import.meta.url)))).toEqual([]);
    expect(listed.filter((file, i) => listed.indexOf(file) !== i)).toEqual([]);
    expect(listed.filter((file) => !/^test\/.+\.test\.ts$/.test(file))).toEqual([]);
  });

  it("hold no clock-reading assertion in the unit tier, which runs in parallel on a loaded machine", () => {
    const root = new URL("../", import.meta.url);
    const listed = new Set([...BROWSER_TESTS, ...E2E_TESTS]);
    const unit = readdirSync(new URL("test/", root), { recursive: true, encoding: "utf8" })
      .map((file) => `test/${file}`)
      .filter((file) => file.endsWith(".test.ts") && !listed.has(file));
    // Elapsed time, measured: a deadline given to the code (`Date.now() + 10_000`) is fine.
    const clock = /performance\.now\(|process\.hrtime|process\.cpuUsage\(|Date\.now\(\)\s*-|-\s*Date\.now\(\)/;
    const found = unit.flatMap((file) =>
      readFileSync(new URL(file, root), "utf8")
        .split("\n")
        .flatMap((line, i) => (clock.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it("all run under `npm test`, which CI runs; each has its own script", () => {
    const { scripts } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(scripts.test).toMatch(/vitest run$/);
    expect(scripts["test:unit"]).toBe("vitest run --project unit");
    expect(scripts["test:browser"]).toBe("vitest run --project browser");
    expect(scripts["test:e2e"]).toBe("vitest run --project e2e");
  });
});
