import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { aptInstall } from "../../src/cli/apt.js";
import type { Output } from "../../src/cli/output.js";
import { tempDir } from "../helpers/dataset.js";

/** A stand-in apt-get first on PATH: it logs its arguments, prints apt's kind of noise, and exits as told. */
function fakeApt(exitCodes: { update: number; install: number }): { calls: () => string[] } {
  const bin = tempDir("w2c-apt-");
  const log = join(bin, "calls.log");
  writeFileSync(
    join(bin, "apt-get"),
    `#!/bin/sh
echo "$*" >> "${log}"
echo "Reading package lists... 50%"
echo "Selecting previously unselected package chromium." >&2
echo "debconf: delaying package configuration, since apt-utils is not installed" >&2
case "$1" in update) echo "E: Could not resolve 'deb.debian.org'" >&2; exit ${exitCodes.update};; esac
echo "E: Unable to locate package chromium" >&2
exit ${exitCodes.install}
`,
  );
  chmodSync(join(bin, "apt-get"), 0o755);
  process.env.PATH = `${bin}:${path}`;
  return { calls: () => readFileSync(log, "utf8").trim().split("\n") };
}

const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});

function output(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { quiet: false, json: false, lines, log: (message) => lines.push(message), result: () => undefined };
}

describe("aptInstall", () => {
  it("says nothing of apt's progress when it succeeds", () => {
    const apt = fakeApt({ update: 0, install: 0 });
    const out = output();
    expect(aptInstall(["chromium", "fonts-liberation"], out)).toBe(true);
    expect(apt.calls()).toEqual(["update -qq", "install -y -qq chromium fonts-liberation"]);
    expect(out.lines).toEqual([]);
  });

  it("shows a failed step's output, and still tries the install after a failed update", () => {
    const apt = fakeApt({ update: 100, install: 100 });
    const out = output();
    expect(aptInstall(["chromium"], out)).toBe(false);
    expect(apt.calls()).toEqual(["update -qq", "install -y -qq chromium"]);
    expect(out.lines).toEqual([
      "apt-get update failed (exit 100):\nReading package lists... 50%\nSelecting previously unselected package chromium.\n" +
        "debconf: delaying package configuration, since apt-utils is not installed\nE: Could not resolve 'deb.debian.org'",
      "apt-get install failed (exit 100):\nReading package lists... 50%\nSelecting previously unselected package chromium.\n" +
        "debconf: delaying package configuration, since apt-utils is not installed\nE: Unable to locate package chromium",
    ]);
  });
});
