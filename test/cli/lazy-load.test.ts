import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/dataset.js";
import { TSX_LOADER } from "../helpers/cli.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const IMPORT_LOG = fileURLToPath(new URL("../helpers/import-log.mjs", import.meta.url));
/** What only running a command may load: the browser driver, image decoding, HTML parsing. */
const HEAVY = ["puppeteer-core", "sharp", "parse5"];

/** The packages (node_modules/NAME) a CLI call resolved. */
function packagesLoaded(args: string[]): { status: number | null; packages: Set<string> } {
  const log = join(tempDir(), "imports.log");
  const result = spawnSync(process.execPath, ["--import", TSX_LOADER, "--import", IMPORT_LOG, MAIN, ...args], {
    env: { ...process.env, W2C_IMPORT_LOG: log },
    encoding: "utf8",
  });
  const urls = readFileSync(log, "utf8").split("\n");
  const packages = urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []);
  return { status: result.status, packages: new Set(packages) };
}

describe("commands load what they run only when they run", () => {
  it.each(["--help", "--version", "run --help", "report --help", "doctor --help"])(
    "web2code-eval %s loads neither the browser driver, nor image decoding, nor HTML parsing",
    (command) => {
      const { status, packages } = packagesLoaded(command.split(" "));
      expect(status).toBe(0);
      expect(packages.has("commander")).toBe(true);
      expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
    },
  );

  it("sees them loaded when a command does run (the check can fail)", () => {
    const { status, packages } = packagesLoaded(["datasets", "stats", "mini"]);
    expect(status).toBe(0);
    expect(packages.has("parse5")).toBe(true);
  });
});
