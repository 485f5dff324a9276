import { describe, expect, it } from "vitest";
import config from "../vitest.config.js";

/** What keeps CI honest: checked here, since a change to the config would pass silently otherwise. */
describe("the test configuration CI runs", () => {
  it("fails on a stray .only instead of running that test alone", () => {
    expect(config.test?.allowOnly).toBe(false);
  });

  it("lists the skipped tests with their reasons after the run", () => {
    expect(config.test?.reporters).toEqual(["default", "./test/helpers/skipped-reporter.ts"]);
  });
});
