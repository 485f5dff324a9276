import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import which from "which";
import { runCli, TSX_LOADER } from "../helpers/cli.js";
import { CONTRACT_METRIC_IDS as METRIC_IDS } from "../helpers/contract.js";
import { makeDataset, tempDir } from "../helpers/dataset.js";
import { runShipped, shippedProgram } from "../helpers/shipped.js";
import { pixelSimilarity } from "../../src/metrics/pixel-similarity.js";

interface Line {
  id: string;
  status: string;
  error?: string;
  metrics: Record<string, number | null>;
}

function samples(dir: string): Line[] {
  return readFileSync(join(dir, "samples.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
}

function results(dir: string) {
  return JSON.parse(readFileSync(join(dir, "results.json"), "utf8"));
}

const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };

describe("run with no model: the baseline panel on mini, by the shipped program (bin/ on the built dist/)", () => {
  let out: string;
  let stdout: string;

  beforeAll(async () => {
    out = join(tempDir(), "reports");
    // From a folder of its own: no web2code.config.json of the checkout's in the way.
    const result = await runShipped(await shippedProgram(), ["run", "--out", out, "--quiet"], { env, cwd: tempDir() });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    stdout = result.stdout;
  }, 600_000);

  it("writes a run per model and the comparison, and says where", () => {
    for (const model of ["reference", "boxes", "blank"]) {
      expect(stdout).toContain(`run: ${join(out, model)}`);
      for (const file of ["results.json", "samples.jsonl", "summary.md"]) expect(existsSync(join(out, model, file))).toBe(true);
    }
    expect(stdout).toContain(`comparison: ${join(out, "comparison.md")}`);
    expect(readFileSync(join(out, "comparison.md"), "utf8")).toMatch(/\| model \| pixel_similarity \|/);
    expect(readFileSync(join(out, "comparison.html"), "utf8")).toContain('<table id="aggregates" class="aggregates">');
  });

  it("scores the reference exactly 1 on every metric for every sample", () => {
    const lines = samples(join(out, "reference"));
    expect(lines.length).toBeGreaterThanOrEqual(40);
    for (const line of lines) {
      expect(line.status).toBe("ok");
      expect(Object.keys(line.metrics).sort()).toEqual([...METRIC_IDS].sort());
      for (const id of METRIC_IDS) expect([line.id, id, line.metrics[id]]).toEqual([line.id, id, 1]);
    }
    const r = results(join(out, "reference"));
    for (const id of METRIC_IDS) expect(r.aggregates[id]).toEqual({ mean: 1, median: 1, stderr: 0, n: lines.length });
  });

  it("scores blank below 1 and boxes above blank on pixel similarity", () => {
    const blank = results(join(out, "blank")).aggregates;
    const boxes = results(join(out, "boxes")).aggregates;
    for (const id of METRIC_IDS) expect(blank[id].mean).toBeLessThan(1);
    expect(boxes.pixel_similarity.mean).toBeGreaterThan(blank.pixel_similarity.mean);
  });

  it("records provenance: tool, dataset fingerprint, metric versions, environment", () => {
    const r = results(join(out, "boxes"));
    expect(r.schemaVersion).toBe(2);
    expect(r.tool.name).toBe("web2code-eval");
    expect(r.dataset.id).toBe("mini");
    expect(r.dataset.fingerprint).toMatch(/^sha256:/);
    expect(r.metrics.pixel_similarity.version).toBe(pixelSimilarity.version);
    expect(r.environment.chrome).toMatch(/Chrome\/\d+/);
    expect(r.environment.dependencies.pixelmatch).toBe("7.2.0");
    expect(r.failures).toEqual({});
  });
});

describe("run on hostile and missing predictions", () => {
  const NORMAL = `<!DOCTYPE html><html><body style="margin:0"><h1>Normal page</h1><p>It renders.</p></body></html>`;

  it("records a missing replay file, an endless loop and dialogs as sample statuses and goes on", async () => {
    const dataset = makeDataset({ "1-loop": NORMAL, "2-alert": NORMAL, "3-missing": NORMAL, "4-normal": NORMAL });
    const preds = tempDir("w2c-preds-");
    writeFileSync(join(preds, "1-loop.html"), `<!DOCTYPE html><html><body><script>while (true) {}</script></body></html>`);
    writeFileSync(join(preds, "2-alert.html"), NORMAL.replace("<h1>", `<script>alert("hi")</script><h1>`));
    writeFileSync(join(preds, "4-normal.html"), NORMAL);
    const out = join(tempDir(), "run");
    const started = Date.now();
    const result = await runCli(
      [
        "run",
        "--dataset",
        dataset,
        "--model",
        `replay:${preds}`,
        "--out",
        out,
        "--render-timeout",
        "3000",
        "--render-concurrency",
        "1",
        "--quiet",
      ],
      { env },
    );
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    const lines = samples(out);
    expect(lines.map((l) => [l.id, l.status])).toEqual([
      ["1-loop", "render_timeout"],
      ["2-alert", "ok"],
      ["3-missing", "generation_error"],
      ["4-normal", "ok"],
    ]);
    expect(lines[0]!.error).toBe("page did not finish rendering within 3000 ms");
    expect(lines[2]!.error).toBe(`no prediction file ${join(preds, "3-missing.html")}`);
    expect(lines[0]!.metrics.pixel_similarity).toBeNull();
    expect(lines[3]!.metrics).toEqual(Object.fromEntries(METRIC_IDS.map((id) => [id, 1])));
    const r = results(out);
    expect(r.failures).toEqual({ render_timeout: 1, generation_error: 1 });
    expect(r.dataset.samples).toEqual({ total: 4, scored: 2 });
    expect(readFileSync(join(out, "summary.md"), "utf8")).toContain("| 3-missing | generation_error | no prediction file");
  }, 120_000);

  it("score is run --model replay:PDIR", async () => {
    const dataset = makeDataset({ a: NORMAL });
    const preds = tempDir("w2c-preds-");
    writeFileSync(join(preds, "a.html"), NORMAL.replace("Normal", "Other"));
    const out = join(tempDir(), "scored");
    const result = await runCli(["score", "--dataset", dataset, "--predictions", preds, "--out", out, "--json"], { env });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.runs[0].dir).toBe(out);
    expect(json.runs[0].aggregates.dom_depth_similarity.mean).toBe(1);
    expect(json.runs[0].aggregates.text_similarity.mean).toBeLessThan(1);
  }, 120_000);
});

describe("progress off a terminal", () => {
  it("prints one plain line per sample with rate and ETA, on stderr", async () => {
    const out = join(tempDir(), "run");
    // A cache of its own: renders another test cached would be counted on the last line.
    const result = await runCli(["run", "--model", "blank", "--limit", "2", "--concurrency", "1", "--out", out], {
      env: { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") },
    });
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^blank 1\/2 (landing-saas|pricing-three-tier) ok \(\d+\.\d\/s, ETA \d+s\)$/);
    expect(lines[1]).toMatch(/^blank 2\/2 (landing-saas|pricing-three-tier) ok \(\d+\.\d\/s, ETA 0s\)$/);
    expect(lines[2]).toBe(`blank: 2/2 scored -> ${out}`);
    expect(result.stdout).toMatch(new RegExp(`^model +pixel +ssim .*\n\nrun: ${out}\n$`, "s"));
  }, 120_000);
});

describe("progress on a terminal", () => {
  const script = which.sync("script", { nothrow: true });
  const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

  it("redraws one bar in place with rate, ETA and the last sample, on stderr", async ({ skip }) => {
    skip(!script, "no `script` (util-linux) here to give the run a terminal");
    const out = join(tempDir(), "run");
    const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
    const args = ["run", "--model", "blank", "--limit", "2", "--concurrency", "1", "--out", out];
    // script(1) runs the command on a pseudo-terminal and copies what it shows; stty gives it a width.
    const command = `stty cols 160 rows 40; exec ${[process.execPath, "--import", TSX_LOADER, main, ...args].map(quote).join(" ")}`;
    const result = spawnSync(script!, ["-qefc", command, "/dev/null"], {
      env: { ...process.env, ...env },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(result.status, result.stdout).toBe(0);
    const shown = result.stdout;
    // The bar's last state, drawn over the earlier ones (carriage returns), the cursor hidden meanwhile.
    expect(shown).toMatch(/blank \[[█░]{40}\] 2\/2 \| \d+\.\d\/s \| ETA 0s \| (landing-saas|pricing-three-tier) ok/);
    expect(shown).toContain("\r");
    expect(shown).toContain("\x1b[?25l");
    // Not the plain lines a log gets.
    expect(shown).not.toMatch(/blank 1\/2 \S+ ok \(/);
    expect(shown).toContain(`run: ${out}`);
  }, 120_000);
});

describe("bad input: exit 2, one line naming the problem, nothing written", () => {
  const cases: Array<[string, (dir: string) => string[], RegExp]> = [
    [
      "an unknown dataset",
      (out) => ["run", "--dataset", "nope", "--model", "blank", "--out", out],
      /^web2code-eval: unknown dataset "nope"/,
    ],
    [
      "an unknown model spec",
      (out) => ["run", "--model", "gpt9", "--out", out],
      /^web2code-eval: model spec "gpt9": .*reference, blank, boxes, replay:PDIR/,
    ],
    [
      "a malformed dataset.json",
      (out) => {
        const root = makeDataset({ a: "<p>" });
        const { version: _version, ...manifest } = JSON.parse(readFileSync(join(root, "dataset.json"), "utf8")) as Record<string, unknown>;
        writeFileSync(join(root, "dataset.json"), JSON.stringify(manifest));
        return ["run", "--dataset", root, "--model", "blank", "--out", out];
      },
      /dataset\.json: field version: /,
    ],
    [
      "a missing replay folder",
      (out) => ["run", "--model", "replay:/nonexistent/preds", "--out", out],
      /^web2code-eval: model spec "replay:\/nonexistent\/preds"/,
    ],
    [
      "an unwritable --out",
      (out) => {
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, "file"), "");
        return ["run", "--model", "blank", "--out", join(out, "file", "run")];
      },
      /file: not a folder, cannot write/,
    ],
    ["a bad flag value", (out) => ["run", "--model", "blank", "--limit", "zero", "--out", out], /--limit <n>' argument 'zero' is invalid/],
  ];

  it.each(cases)("%s", async (_name, args, message) => {
    const parent = tempDir();
    const out = join(parent, "out");
    const result = await runCli(args(out), { env });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")[0]).toMatch(message);
    if (!message.source.includes("argument")) expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(out, "samples.jsonl"))).toBe(false);
    expect(readdirSync(parent).filter((f) => f !== "out")).toEqual([]);
  });
});
