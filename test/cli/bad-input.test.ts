import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MODEL_SPEC_FORMS } from "../../src/model/index.js";
import { runCli, TSX_LOADER, type CliResult } from "../helpers/cli.js";
import { makeDataset, tempDir, whitePng } from "../helpers/dataset.js";
import { mountNamespace, runOnTmpfs } from "../helpers/mount.js";

/**
 * Bad input through the CLI, as a user meets it: exit 2, one stderr line
 * `web2code-eval: <file>: <problem>`, and nothing written (the --out folder not made, or left
 * exactly as it was). test/datasets/bad-input.test.ts covers the dataset forms one by one.
 */

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
const PAGE = "<!DOCTYPE html><html><body><p>x</p></body></html>";

/** Every entry under `dir`: type, and content hash or link target, so "left exactly as it was" can be compared. */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const stats = lstatSync(path);
      const key = `${prefix}${name}`;
      if (stats.isSymbolicLink()) entries[key] = `link -> ${readlinkSync(path)}`;
      else if (stats.isDirectory()) {
        entries[key] = "folder";
        walk(path, `${key}/`);
      } else if (stats.isFile()) entries[key] = `file ${createHash("sha256").update(readFileSync(path)).digest("hex")}`;
      else entries[key] = "other";
    }
  };
  walk(dir, "");
  return entries;
}

/** Exit 2 and exactly one stderr line, `web2code-eval: <message>`; nothing on stdout. */
function expectOneLineUsageError(result: CliResult, message: RegExp | string): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.split("\n");
  expect(lines, result.stderr).toHaveLength(2);
  expect(lines[1]).toBe("");
  if (typeof message === "string") expect(lines[0]).toBe(`web2code-eval: ${message}`);
  else expect(lines[0]).toMatch(message);
}

/** A scratch folder where the run would go: the test checks it is untouched. */
function workspace(): { parent: string; out: string } {
  const parent = tempDir("w2c-bad-");
  return { parent, out: join(parent, "out") };
}

describe.concurrent("a broken dataset: exit 2, one line naming the file, no --out made", () => {
  const cases: Array<[string, () => { dataset: string; file: string }, string]> = [
    [
      "dataset.json that is not JSON",
      () => {
        const root = makeDataset({ a: PAGE });
        writeFileSync(join(root, "dataset.json"), '{\n  "id": "x",\n  "samples": [\n');
        return { dataset: root, file: join(root, "dataset.json") };
      },
      "not valid JSON (Unexpected end of JSON input)",
    ],
    [
      "a misspelt sample key",
      () => {
        const root = makeDataset({ a: PAGE });
        const manifest = JSON.parse(readFileSync(join(root, "dataset.json"), "utf8"));
        manifest.samples[0].tag = ["x"];
        writeFileSync(join(root, "dataset.json"), JSON.stringify(manifest));
        return { dataset: root, file: join(root, "dataset.json") };
      },
      'field samples.0: Unrecognized key: "tag"',
    ],
    [
      "a page path leaving the folder",
      () => {
        const root = makeDataset({ a: PAGE });
        const manifest = JSON.parse(readFileSync(join(root, "dataset.json"), "utf8"));
        manifest.samples[0].html = "../../etc/passwd";
        writeFileSync(join(root, "dataset.json"), JSON.stringify(manifest));
        return { dataset: root, file: join(root, "dataset.json") };
      },
      'field samples.0.html: "../../etc/passwd" leaves the dataset folder',
    ],
    [
      "a page that links outside the folder",
      () => {
        const root = makeDataset({ a: PAGE });
        rmSync(join(root, "pages", "a.html"));
        symlinkSync("/etc/hostname", join(root, "pages", "a.html"));
        return { dataset: root, file: join(root, "pages", "a.html") };
      },
      "reference HTML links outside the dataset folder, to /etc/hostname (sample a)",
    ],
    [
      "a truncated screenshot",
      () => {
        const root = makeDataset({ a: PAGE, b: PAGE });
        writeFileSync(join(root, "screenshots", "b.png"), whitePng().subarray(0, 60));
        return { dataset: root, file: join(root, "screenshots", "b.png") };
      },
      "PNG is truncated (no IEND chunk) (sample b)",
    ],
    [
      "a screenshot that is a FIFO (reading it would hang)",
      () => {
        const root = makeDataset({ a: PAGE });
        rmSync(join(root, "screenshots", "a.png"));
        execFileSync("mkfifo", [join(root, "screenshots", "a.png")]);
        return { dataset: root, file: join(root, "screenshots", "a.png") };
      },
      "screenshot (sample a) is not a file",
    ],
    [
      "a page in Latin-1",
      () => {
        const root = makeDataset({ a: PAGE });
        writeFileSync(join(root, "pages", "a.html"), Buffer.from("<p>na\u00efve</p>", "latin1"));
        return { dataset: root, file: join(root, "pages", "a.html") };
      },
      "reference HTML is not UTF-8 (byte 5; sample a)",
    ],
    [
      "a Design2Code folder with no pairs",
      () => {
        const root = tempDir("w2c-d2c-");
        writeFileSync(join(root, "1.html"), PAGE);
        writeFileSync(join(root, "2.png"), whitePng());
        return { dataset: root, file: root };
      },
      "no dataset.json, no Design2Code <id>.html + <id>.png pairs and no .parquet files",
    ],
  ];

  it.each(cases)(
    "%s",
    async (_name, make, problem) => {
      const { dataset, file } = make();
      const { parent, out } = workspace();
      const result = await runCli(["run", "--dataset", dataset, "--model", "blank", "--out", out], { env });
      expectOneLineUsageError(result, `${file}: ${problem}`);
      expect(snapshot(parent)).toEqual({});
    },
    120_000,
  );
});

describe.concurrent("an --out that cannot be written: exit 2, one line, nothing written", () => {
  const cases: Array<[string, (parent: string) => string, (out: string, parent: string) => RegExp | string]> = [
    [
      "a path under a regular file",
      (parent) => (writeFileSync(join(parent, "notes.txt"), "mine"), join(parent, "notes.txt", "run")),
      (out, parent) => `${join(parent, "notes.txt")}: not a folder, cannot write ${out}`,
    ],
    [
      "a regular file",
      (parent) => (writeFileSync(join(parent, "notes.txt"), "mine"), join(parent, "notes.txt")),
      (out) => `${out}: not a folder, cannot write ${out}`,
    ],
    ["a path under /dev/full", () => "/dev/full/run", () => "/dev/full: not a folder, cannot write /dev/full/run"],
    // procfs takes no new entry, not even from root (where permission bits are no obstacle).
    [
      "a path in /proc",
      () => "/proc/web2code-eval-out/run",
      () => /^web2code-eval: \/proc: not writable( \(\w+\))?, cannot write \/proc\/web2code-eval-out\/run$/,
    ],
    [
      "an existing folder of other files",
      (parent) => {
        const out = join(parent, "thesis");
        mkdirSync(join(out, "figures"), { recursive: true });
        writeFileSync(join(out, "thesis.tex"), "\\documentclass{article}");
        writeFileSync(join(out, "figures", "a.png"), whitePng());
        return out;
      },
      (out) => `${out}: folder is not empty and holds no earlier run; choose another --out`,
    ],
    [
      "an existing folder holding only a link to nothing",
      (parent) => {
        const out = join(parent, "links");
        mkdirSync(out);
        symlinkSync(join(parent, "gone"), join(out, "data"));
        return out;
      },
      (out) => `${out}: folder is not empty and holds no earlier run; choose another --out`,
    ],
    [
      "a link to nothing",
      (parent) => (symlinkSync(join(parent, "gone", "run"), join(parent, "out")), join(parent, "out")),
      (out) => `${out}: a link that leads nowhere (ENOENT), cannot write ${out}`,
    ],
  ];

  it.each(cases)(
    "%s",
    async (_name, make, message) => {
      const parent = tempDir("w2c-bad-");
      const out = make(parent);
      const before = snapshot(parent);
      const result = await runCli(["run", "--dataset", "mini", "--model", "blank", "--limit", "1", "--out", out], { env });
      expectOneLineUsageError(result, message(out, parent));
      expect(snapshot(parent)).toEqual(before);
    },
    120_000,
  );
});

const mountable = "unshare" in mountNamespace;
// Not silent: each skipped test gives this reason, and the test log lists them.
const noMountReason = `no private mount namespace here for a real tmpfs (${(mountNamespace as { reason: string }).reason})`;
const onTmpfs = mountable ? "on a real tmpfs" : "SKIPPED, no mount namespace here";

describe.concurrent(`a full disk or a read-only file system (${onTmpfs})`, () => {
  const cli = (...args: string[]) => [process.execPath, "--import", TSX_LOADER, MAIN, ...args];

  it("--out on a full disk: exit 2, one line, nothing left on the disk", async ({ skip }) => {
    skip(!mountable, noMountReason);
    const result = await runOnTmpfs(
      "full",
      (disk) => cli("run", "--dataset", "mini", "--model", "blank", "--limit", "1", "--out", join(disk, "run")),
      { env },
    );
    expectOneLineUsageError(
      result,
      /^web2code-eval: \S+\/disk: not writable \(no space left on the device, ENOSPC\), cannot write \S+\/disk\/run$/,
    );
    expect(result.after).toEqual([]);
  }, 120_000);

  it("--out an empty folder on a full disk: left as it was", async ({ skip }) => {
    skip(!mountable, noMountReason);
    const result = await runOnTmpfs("full", (disk) => cli("run", "--model", "blank", "--dataset", "mini", "--out", join(disk, "run")), {
      env,
      prepare: "mkdir run",
    });
    expectOneLineUsageError(result, /: not writable \(no space left on the device, ENOSPC\), cannot write \S+\/disk\/run$/);
    expect(result.after).toEqual(["run"]);
  }, 120_000);

  it("several models on a full disk: no model's folder made", async ({ skip }) => {
    skip(!mountable, noMountReason);
    const result = await runOnTmpfs(
      "full",
      (disk) => cli("run", "--model", "blank", "--model", "boxes", "--dataset", "mini", "--out", join(disk, "panel")),
      { env },
    );
    expectOneLineUsageError(result, /ENOSPC\), cannot write \S+\/disk\/panel$/);
    expect(result.after).toEqual([]);
  }, 120_000);

  it("--out on a read-only file system: exit 2, one line", async ({ skip }) => {
    skip(!mountable, noMountReason);
    const result = await runOnTmpfs(
      "read-only",
      (disk) => cli("run", "--dataset", "mini", "--model", "blank", "--out", join(disk, "run")),
      { env },
    );
    expectOneLineUsageError(result, /^web2code-eval: \S+\/disk: not writable, cannot write \S+\/disk\/run$/);
    expect(result.after).toEqual([]);
  }, 120_000);

  it("an earlier run on a read-only file system: refused, left as it was", async ({ skip }) => {
    skip(!mountable, noMountReason);
    const prepare = 'mkdir -p run/predictions && printf "{}" > run/results.json && : > run/samples.jsonl';
    const result = await runOnTmpfs(
      "read-only",
      (disk) => cli("run", "--dataset", "mini", "--model", "blank", "--out", join(disk, "run")),
      { env, prepare },
    );
    expectOneLineUsageError(result, /^web2code-eval: \S+\/disk\/run: not writable, cannot write \S+\/disk\/run$/);
    expect(result.after).toEqual(["run"]);
  }, 120_000);

  it("a run folder that cannot be made on a full disk: RunDirectory.create leaves nothing, not even a temporary", async ({ skip }) => {
    skip(!mountable, noMountReason);
    // Past the CLI's check (the disk may fill between check and start): what create() leaves on failure.
    const script = join(tempDir("w2c-script-"), "create.ts");
    const runner = fileURLToPath(new URL("../../src/runner/index.ts", import.meta.url));
    const shared = fileURLToPath(new URL("../../src/shared/index.ts", import.meta.url));
    writeFileSync(
      script,
      [
        `import { RunDirectory, RunDirError } from ${JSON.stringify(runner)};`,
        `import { writeFileAtomic } from ${JSON.stringify(shared)};`,
        "const disk = process.argv[2]!;",
        "try { RunDirectory.create(`${disk}/a/b/run`, { model: 'x'.repeat(100000) }); } catch (error) { console.log(error instanceof RunDirError, (error as Error).message); }",
        "try { writeFileAtomic(`${disk}/big.json`, 'x'.repeat(100000)); } catch (error) { console.log((error as NodeJS.ErrnoException).code); }",
      ].join("\n"),
    );
    const result = await runOnTmpfs("full", (disk) => [process.execPath, "--import", TSX_LOADER, script, disk], { env });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^true \S+\/disk\/a\/b\/run: cannot write \(no space left on the device, ENOSPC\)\nENOSPC\n$/);
    expect(result.after).toEqual([]);
  }, 120_000);
});

describe.concurrent("a broken web2code.config.json (run from its folder): exit 2, naming the file and the field", () => {
  // The forms one by one: test/cli/config.test.ts. Here, a few through the whole CLI.
  const cases: Array<[string, string | ((dir: string) => void), string]> = [
    ["an unknown key", JSON.stringify({ modles: ["boxes"] }), 'Unrecognized key: "modles"'],
    ["bad JSON whose excerpt spans lines", '{\n  "models": [\n    "boxes"\n  ]\n  "dataset": "mini"\n}', "not valid JSON ("],
    ["models as a string", JSON.stringify({ models: "boxes" }), "field models: Invalid input: expected array, received string"],
    [
      "an unknown metric",
      JSON.stringify({ compare: { assertions: { pixel_simlarity: "warn" } } }),
      "field compare.assertions.pixel_simlarity: unknown metric",
    ],
    ["a folder", (dir) => mkdirSync(join(dir, "web2code.config.json")), "config is not a file"],
  ];

  it.each(cases)(
    "%s",
    async (_name, content, problem) => {
      const dir = tempDir("w2c-config-");
      if (typeof content === "string") writeFileSync(join(dir, "web2code.config.json"), content);
      else content(dir);
      const { parent, out } = workspace();
      const before = snapshot(dir);
      const result = await runCli(["run", "--model", "blank", "--out", out], { cwd: dir, env });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr.split("\n")).toHaveLength(2);
      expect(result.stderr.startsWith(`web2code-eval: ${join(dir, "web2code.config.json")}: ${problem}`), result.stderr).toBe(true);
      expect(snapshot(parent)).toEqual({});
      expect(snapshot(dir)).toEqual(before);
    },
    120_000,
  );

  it("reads a config that starts with a byte order mark", async () => {
    const dir = tempDir("w2c-config-");
    writeFileSync(join(dir, "web2code.config.json"), `\ufeff${JSON.stringify({ dataset: "no-such-dataset" })}`);
    const { parent, out } = workspace();
    const result = await runCli(["run", "--model", "blank", "--out", out], { cwd: dir, env });
    // The config was read: its dataset is the one refused.
    expectOneLineUsageError(result, /^web2code-eval: unknown dataset "no-such-dataset"/);
    expect(snapshot(parent)).toEqual({});
  }, 120_000);
});

describe.concurrent("flags with bad values: exit 2, the flag named on the first line, nothing written", () => {
  const cases: Array<[string[], RegExp]> = [
    [["--limit", "0"], /^error: option '--limit <n>' argument '0' is invalid\. expected an integer >= 1$/],
    [["--concurrency", "x"], /^error: option '--concurrency <n>' argument 'x' is invalid/],
    [["--shard", "0/2"], /^error: option '--shard <i\/N>' argument '0\/2' is invalid\. expected i\/N with 1 <= i <= N/],
    [["--shard", "3/2"], /^error: option '--shard <i\/N>' argument '3\/2' is invalid/],
    [
      ["--task", "nope"],
      /^error: option '--task <task>' argument 'nope' is invalid\. Allowed choices are image2html, text2html, qa, interaction\.$/,
    ],
    [["--limt", "5"], /^error: unknown option '--limt'/],
    [["--out"], /^error: option '--out <dir>' argument missing$/],
    // A value left out before the next option: named as such, not as "too many arguments".
    [
      ["--model", "--limit", "2"],
      /^error: option '--model <spec>' argument '--limit' is invalid\. the value is missing \(--limit is an option\)$/,
    ],
    [["--limit", "--fresh"], /^error: option '--limit <n>' argument '--fresh' is invalid\. the value is missing \(--fresh is an option\)$/],
  ];

  it.each(cases)(
    "run %j",
    async (flags, message) => {
      const { parent, out } = workspace();
      const args = flags[0] === "--out" ? ["run", "--model", "blank", ...flags] : ["run", "--model", "blank", "--out", out, ...flags];
      const result = await runCli(args, { cwd: parent, env });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.split("\n")[0]).toMatch(message);
      // commander follows its one line with the command's help; never with a stack trace.
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(snapshot(parent)).toEqual({});
    },
    120_000,
  );
});

describe.concurrent("wrong names, said before any work: exit 2, what was meant, nothing written", () => {
  /** Two prediction folders both named `preds`, each with a prediction for sample a. */
  function twoPreds(parent: string): [string, string] {
    const folders = [join(parent, "x", "preds"), join(parent, "y", "preds")] as [string, string];
    for (const folder of folders) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, "a.html"), PAGE);
    }
    return folders;
  }

  it("a misspelt flag is named with commander's suggestion, before any required flag is missed", async () => {
    const { parent, out } = workspace();
    const result = await runCli(["score", "--dataset", makeDataset({ a: PAGE }), "--predictons", parent, "--out", out], {
      cwd: parent,
      env,
    });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.split("\n").slice(0, 2)).toEqual(["error: unknown option '--predictons'", "(Did you mean --predictions?)"]);
    expect(result.stderr).not.toContain("required option");
    expect(snapshot(parent)).toEqual({});
    // A required flag left out is still named.
    const missing = await runCli(["score", "--dataset", "mini", "--out", out], { cwd: parent, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr.split("\n")[0]).toBe("error: required option '--predictions <PDIR>' not specified");
    expect(snapshot(parent)).toEqual({});
  }, 120_000);

  it("a mistyped model kind is answered with the spec it most likely meant", async () => {
    const { parent, out } = workspace();
    expectOneLineUsageError(
      await runCli(["run", "--model", "blnak", "--out", out], { cwd: parent, env }),
      `model spec "blnak": unknown model (did you mean "blank"?); valid forms are ${MODEL_SPEC_FORMS}`,
    );
    expect(snapshot(parent)).toEqual({});
  }, 120_000);

  it("two models of one run named alike are refused, suggesting ?name=", async () => {
    const { parent, out } = workspace();
    const [x, y] = twoPreds(parent);
    const before = snapshot(parent);
    const dataset = makeDataset({ a: PAGE });
    expectOneLineUsageError(
      await runCli(["run", "--dataset", dataset, "--model", `replay:${x}`, "--model", `replay:${y}`, "--out", out], { cwd: parent, env }),
      `--model replay:${x} and --model replay:${y} are both model "replay-preds": give each a name of its own with ?name=NAME, e.g. --model replay:${y}?name=replay-preds-2`,
    );
    expectOneLineUsageError(
      await runCli(["run", "--dataset", dataset, "--model", `replay:${x}?name=sys`, "--model", `replay:${y}?name=SYS`, "--out", out], {
        cwd: parent,
        env,
      }),
      `--model replay:${x}?name=sys and --model replay:${y}?name=SYS are both model "SYS": give each a name of its own with ?name=NAME`,
    );
    expectOneLineUsageError(
      await runCli(["run", "--dataset", dataset, "--model", `replay:${x}`, "--model", "blank", "--name", "sysA", "--out", out], {
        cwd: parent,
        env,
      }),
      `--name names one model, and this run has 2: name each in its spec instead, e.g. --model replay:${x}?name=sysA`,
    );
    expect(snapshot(parent)).toEqual(before);
  }, 120_000);

  it("prediction files that match no sample: refused in one line, after one warning for each cause the dataset has", async () => {
    const { parent, out } = workspace();
    const dataset = join(parent, "d2c");
    const preds = join(parent, "preds");
    mkdirSync(dataset);
    mkdirSync(preds);
    writeFileSync(join(dataset, "1.html"), PAGE);
    writeFileSync(join(dataset, "1.png"), whitePng());
    for (const page of ["2.html", "3.html"]) writeFileSync(join(dataset, page), PAGE);
    writeFileSync(join(dataset, "placeholder.png"), whitePng());
    for (const file of ["0_pred.html", "1_pred.html"]) writeFileSync(join(preds, file), PAGE);
    const before = snapshot(parent);
    const result = await runCli(["score", "--dataset", dataset, "--predictions", preds, "--name", "sysC", "--out", out], {
      cwd: parent,
      env,
    });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      `warning: ${dataset}: 2 pages have no screenshot (<id>.png) beside them, so they are no samples: 2.html, 3.html`,
      `warning: ${dataset}: 1 screenshot has no page (<id>.html) beside it, so it is no sample (it is served as an asset): placeholder.png`,
      `web2code-eval: model spec "replay:${preds}?name=sysC": 2 of 2 .html files in ${preds} match no sample id (0_pred.html, 1_pred.html); predictions are named <sample-id>.html, e.g. 1.html`,
      "",
    ]);
    expect(snapshot(parent)).toEqual(before);
  }, 120_000);
});
