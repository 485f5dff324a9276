import { describe, expect, it } from "vitest";
import { ResultsSchema } from "../../src/results/index.js";
import { record, results } from "../helpers/runs.js";

describe("buildResults", () => {
  const r = results("m", [
    { ...record("a", 1), ms: { generate: 0, decode: 1, total: 10, render: 4, metrics: { pixel_similarity: 2 } } },
    { ...record("b", 0.5), ms: { generate: 0, decode: 2, total: 20, render: 6, metrics: { pixel_similarity: 3 } } },
    record("c", null),
  ]);

  it("counts total and scored samples and failures by status", () => {
    expect(r.dataset.samples).toEqual({ total: 3, scored: 2 });
    expect(r.failures).toEqual({ render_error: 1 });
  });

  it("aggregates every metric over all samples, the failed one as 0", () => {
    expect(Object.keys(r.aggregates)).toHaveLength(7);
    expect(r.aggregates.tree_bleu!.mean).toBe(0.5);
    expect(r.aggregates.tree_bleu!.median).toBe(0.5);
    expect(r.aggregates.tree_bleu!.n).toBe(3);
    expect(r.aggregation).toMatch(/failed sample .* count as 0/);
  });

  it("sums stage times, nested ones included, and gives the rate", () => {
    expect(r.timing).toEqual({
      totalMs: 2000,
      samplesPerSecond: 1.5,
      stagesMs: { generate: 0, decode: 3, total: 40, render: 10, metrics: { pixel_similarity: 5 } },
    });
  });

  it("totals the tokens generated, the mean speed, and the answers cut or clamped", () => {
    const withGeneration = results("m", [
      {
        ...record("a", 1),
        generation: { truncated: true, usage: { prompt: 600, completion: 1400 }, tokensPerSecond: 30, clampedFrom: 4096 },
      },
      { ...record("b", 1), generation: { truncated: false, usage: { prompt: 620, completion: 800 }, tokensPerSecond: 40 } },
      record("c", null),
    ]);
    expect(withGeneration.generation).toEqual({
      promptTokens: 1220,
      completionTokens: 2200,
      meanTokensPerSecond: 35,
      truncated: 1,
      clamped: 1,
    });
    expect(r.generation).toEqual({ promptTokens: 0, completionTokens: 0, meanTokensPerSecond: null, truncated: 0, clamped: 0 });
  });

  it("is valid against the schema readers use", () => {
    expect(ResultsSchema.safeParse(r).success).toBe(true);
    expect(r.schemaVersion).toBe(2);
    expect(r.createdAt).toBe("2026-01-02T03:04:05.000Z");
  });
});
