import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";
import { record, results, writeRunDir, writeShardRun } from "../helpers/runs.js";

/** Every command that writes, given an --out it cannot write: exit 2, one line naming the file in the way, nothing written. */

const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
const PAGE = "<!DOCTYPE html><html><body><h1>x</h1></body></html>";

function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (lstatSync(path).isDirectory()) {
        entries[`${prefix}${name}`] = "folder";
        walk(path, `${prefix}${name}/`);
      } else entries[`${prefix}${name}`] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir, "");
  return entries;
}

/** The command's arguments before `--out`, given a scratch folder for its inputs. */
const commands: Array<[string, (inputs: string) => string[]]> = [
  ["run", () => ["run", "--dataset", "mini", "--model", "blank", "--limit", "1"]],
  [
    "score",
    (inputs) => {
      const preds = join(inputs, "preds");
      writeRunDir(preds, results("x", []), []);
      return ["score", "--dataset", "mini", "--predictions", preds, "--limit", "1"];
    },
  ],
  ["report", (inputs) => ["report", writeRunDir(join(inputs, "run"), results("boxes", [record("a", 1)]), [record("a", 1)])]],
  ["leaderboard", (inputs) => ["leaderboard", writeRunDir(join(inputs, "run"), results("boxes", [record("a", 1)]), [record("a", 1)])]],
  [
    "merge",
    (inputs) => [
      "merge",
      writeShardRun(join(inputs, "s1"), [record("a", 1)], { shard: { index: 1, count: 2 } }),
      writeShardRun(join(inputs, "s2"), [record("b", 1)], { shard: { index: 2, count: 2 } }),
    ],
  ],
  ["render", (inputs) => (writeFileSync(join(inputs, "page.html"), PAGE), ["render", join(inputs, "page.html")])],
];

describe.concurrent("an --out under a regular file", () => {
  it.each(commands)(
    "%s: exit 2, one line, nothing written",
    async (_name, args) => {
      const inputs = tempDir("w2c-inputs-");
      const parent = tempDir("w2c-out-");
      const file = join(parent, "notes.txt");
      writeFileSync(file, "mine");
      const out = join(file, "out");
      const before = snapshot(parent);
      const result = await runCli([...args(inputs), "--out", out], { env });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(`web2code-eval: ${file}: not a folder, cannot write ${out}\n`);
      expect(snapshot(parent)).toEqual(before);
    },
    120_000,
  );
});

describe("render --out", () => {
  it("makes the folders on the way to a new file", async () => {
    const inputs = tempDir("w2c-inputs-");
    writeFileSync(join(inputs, "page.html"), PAGE);
    const out = join(tempDir(), "new", "folder", "page.png");
    const result = await runCli(["render", join(inputs, "page.html"), "--out", out], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  }, 60_000);
});
