import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";
import {
  CONTROL_ID,
  hostileCorpus,
  magentaPixels,
  startListener,
  writeCorpusRun,
  writeSecret,
  type CorpusRun,
  type Listener,
  type Secret,
} from "../helpers/hostile.js";

interface Line {
  id: string;
  status: string;
  error?: string;
  metrics: Record<string, number | null>;
  render?: { pred: { dialogs: number }; ref: { dialogs: number; blockedRequests: number } };
}

function lines(dir: string): Line[] {
  return readFileSync(join(dir, "samples.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
}

/** How each hostile page ends; every page not named here renders (`ok`), sandboxed. */
const EXPECTED: Record<string, string> = {
  "sync-loop": "render_timeout",
  "loop-after-load": "render_timeout",
  "memory-bomb": "render_error",
  "huge-25mb": "html_too_large",
  empty: "empty_output",
};

const RUN_FLAGS = ["--render-timeout", "10000", "--render-concurrency", "1", "--concurrency", "1", "--quiet"];

describe("the hostile corpus, each page a prediction in one scored run (real Chromium)", () => {
  let v4: Listener;
  let v6: Listener;
  let secret: Secret;
  let corpus: CorpusRun;
  let out: string;
  let alone: string;
  let run: CliResult;
  let aloneRun: CliResult;

  beforeAll(async () => {
    v4 = await startListener("127.0.0.1");
    v6 = await startListener("::1");
    secret = writeSecret();
    corpus = writeCorpusRun(hostileCorpus({ v4: v4.port, v6: v6.port }, secret), secret);
    const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
    out = join(tempDir(), "hostile");
    alone = join(tempDir(), "canaries");
    run = await runCli(["run", "--dataset", corpus.dataset, "--model", `replay:${corpus.predictions}`, "--out", out, ...RUN_FLAGS], {
      env,
    });
    aloneRun = await runCli(
      ["run", "--dataset", corpus.canaryDataset, "--model", `replay:${corpus.canaryPredictions}`, "--out", alone, ...RUN_FLAGS],
      { env },
    );
  }, 600_000);

  afterAll(async () => {
    await v4?.close();
    await v6?.close();
  });

  it("finishes, with a status line of its own for every page", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const ids = lines(out).map((line) => line.id);
    expect(ids).toEqual([CONTROL_ID, ...corpus.hostileIds.flatMap((id, i) => [id, corpus.canaryIds[i]!])]);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.dataset.samples.total).toBe(ids.length);
  });

  it("ends each hostile page as expected: loops at the deadline, the memory bomb after one retry, the giant refused", () => {
    const byId = new Map(lines(out).map((line) => [line.id, line]));
    const statuses = corpus.hostileIds.map((id) => [id, byId.get(id)?.status]);
    const expected = corpus.hostileIds.map((id) => [id, EXPECTED[id.slice(3)] ?? "ok"]);
    expect(statuses).toEqual(expected);
    const bomb = corpus.hostileIds.find((id) => id.endsWith("memory-bomb"))!;
    expect(byId.get(bomb)?.error).toMatch(/^renderer crashed twice: the page crashed/);
    // Nothing a hostile page did reached the render that came after it on the same worker (its reference).
    for (const id of corpus.hostileIds) {
      const line = byId.get(id)!;
      if (line.status === "ok") expect([id, line.render?.ref.dialogs]).toEqual([id, 0]);
    }
  });

  it("lets no connection at all reach the loopback listeners, IPv4 or IPv6", () => {
    expect({ v4: v4.connections, v6: v6.connections }).toEqual({ v4: [], v6: [] });
  });

  it("shows no local file in any render, and would have shown one", () => {
    const renders = join(out, "renders");
    const files = readdirSync(renders).filter((file) => file.endsWith(".png"));
    expect(files.length).toBeGreaterThan(corpus.hostileIds.length);
    for (const file of files) {
      const magenta = magentaPixels(readFileSync(join(renders, file)));
      if (file === `${CONTROL_ID}.png`) expect(magenta).toBe(64 * 64);
      else expect([file, magenta]).toEqual([file, 0]);
    }
    for (const file of ["samples.jsonl", "results.json", "summary.md"]) {
      expect(readFileSync(join(out, file), "utf8")).not.toContain(secret.marker);
    }
  });

  it("scores every canary after a hostile page exactly as it scores alone", () => {
    expect(aloneRun.code).toBe(0);
    const after = new Map(lines(out).map((line) => [line.id, line]));
    const byItself = lines(alone);
    expect(byItself.map((line) => line.id)).toEqual(corpus.canaryIds);
    for (const line of byItself) {
      expect(line.status).toBe("ok");
      expect([line.id, after.get(line.id)?.status, after.get(line.id)?.metrics]).toEqual([line.id, "ok", line.metrics]);
    }
    // The canaries are not copies of their references: the comparison has room to differ.
    expect(byItself.every((line) => (line.metrics.pixel_similarity ?? 1) < 1)).toBe(true);
  });
});
