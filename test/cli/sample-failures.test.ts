import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { makeDataset, tempDir } from "../helpers/dataset.js";

interface Line {
  id: string;
  status: string;
  error?: string;
  metrics: Record<string, number | null>;
  metricErrors?: Record<string, string>;
}

const PAGE = (text: string) => `<!DOCTYPE html><html><body style="margin:0"><h1>${text}</h1><p>A paragraph.</p></body></html>`;
const D2C = ["d2c_block_match", "d2c_text", "d2c_position", "d2c_color"];

/**
 * Failures inside one sample stay in that sample's record, in a real run: a reference page that
 * does not render, a render that cannot be scored, a metric that cannot score one pair.
 */
describe("failures of one sample past generation (real run)", () => {
  const dataset = makeDataset({
    // Its reference's render comes from a damaged cache entry: its PNG bytes are not a PNG.
    "damaged-render": PAGE("Reference"),
    // Its reference never finishes rendering.
    "reference-loops": `<!DOCTYPE html><html><body><h1>Reference</h1><script>while (true) {}</script></body></html>`,
    // Its prediction breaks the DOM API the renderer measures text blocks with.
    "no-text-blocks": PAGE("Reference"),
  });
  const predictions = tempDir("w2c-preds-");
  writeFileSync(join(predictions, "damaged-render.html"), PAGE("Prediction"));
  writeFileSync(join(predictions, "reference-loops.html"), PAGE("Prediction"));
  writeFileSync(
    join(predictions, "no-text-blocks.html"),
    PAGE("Prediction").replace("</body>", `<script>document.createTreeWalker = () => { throw new Error("no walking"); };</script></body>`),
  );
  const cache = tempDir("w2c-cache-");
  const out = join(tempDir(), "run");
  let run: CliResult;
  let lines: Map<string, Line>;

  beforeAll(async () => {
    // The reference model renders the first sample's page once, into the render cache: pred and ref share the entry.
    const seed = await runCli(
      ["run", "--dataset", dataset, "--model", "reference", "--limit", "1", "--out", join(tempDir(), "seed"), "--quiet"],
      {
        env: { WEB2CODE_CACHE_DIR: cache },
      },
    );
    expect(seed.code, seed.stderr).toBe(0);
    const entries = readdirSync(join(cache, "renders"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".png"));
    expect(entries).toHaveLength(1);
    writeFileSync(join(cache, "renders", entries[0]!), "these bytes are not a PNG");
    run = await runCli(
      [
        "score",
        "--dataset",
        dataset,
        "--predictions",
        predictions,
        "--out",
        out,
        "--render-timeout",
        "2000",
        "--render-concurrency",
        "1",
        "--quiet",
      ],
      { env: { WEB2CODE_CACHE_DIR: cache } },
    );
    lines = new Map(
      readFileSync(join(out, "samples.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((text) => JSON.parse(text) as Line)
        .map((line) => [line.id, line]),
    );
  }, 120_000);

  it("finishes the run, counting each failure", () => {
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.failures).toEqual({ scoring_error: 1, reference_render_error: 1 });
    expect(results.dataset.samples).toEqual({ total: 3, scored: 1 });
  });

  it("records a render that cannot be decoded as scoring_error, with the decoder's reason", () => {
    const line = lines.get("damaged-render")!;
    expect(line.status).toBe("scoring_error");
    expect(line.error).toMatch(/unsupported image format/);
    expect(Object.values(line.metrics).every((value) => value === null)).toBe(true);
  });

  it("records a reference page that does not render as reference_render_error, keeping the prediction's render", () => {
    const line = lines.get("reference-loops")!;
    expect([line.status, line.error]).toEqual(["reference_render_error", "reference page: page did not finish rendering within 2000 ms"]);
    expect(readdirSync(join(out, "renders"))).toContain("reference-loops.png");
  });

  it("scores a pair a metric cannot score with every other metric, the failed ones null with their reason", () => {
    const line = lines.get("no-text-blocks")!;
    expect(line.status).toBe("ok");
    expect(line.metricErrors).toEqual(
      Object.fromEntries(
        D2C.map((id) => [
          id,
          "the prediction's render carries no text blocks (renderer before version 3, or a page that broke the DOM APIs measuring them)",
        ]),
      ),
    );
    for (const [id, value] of Object.entries(line.metrics)) {
      if (D2C.includes(id)) expect([id, value]).toEqual([id, null]);
      else expect([id, typeof value]).toEqual([id, "number"]);
    }
    expect(line.metrics.text_similarity).toBeGreaterThan(0);
  });
});
