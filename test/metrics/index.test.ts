import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeMetrics, computeWith, METRICS, metricsMetadata, PIXELMATCH_VERSION, scoringDependencies } from "../../src/metrics/index.js";
import type { Metric } from "../../src/metrics/types.js";
import { CONTRACT_METRIC_IDS as CONTRACT_ORDER } from "../helpers/contract.js";
import { image, page } from "./helpers.js";

const fixed = (id: string, value: number): Metric => ({
  id,
  version: 1,
  description: id,
  higherIsBetter: true,
  compute: () => value,
});

describe("METRICS", () => {
  it("lists the contract's metrics in its order", () => {
    expect(METRICS.map((m) => m.id)).toEqual(CONTRACT_ORDER);
  });

  it("keeps each metric in a file named by its id", async () => {
    for (const metric of METRICS) {
      const module = (await import(`../../src/metrics/${metric.id.replaceAll("_", "-")}.ts`)) as Record<string, unknown>;
      expect(Object.values(module)).toContain(metric);
    }
  });

  it("gives every metric version 1, higher is better, and a sentence", () => {
    for (const metric of METRICS) {
      expect(metric.version).toBe(1);
      expect(metric.higherIsBetter).toBe(true);
      expect(metric.description).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe("computeMetrics", () => {
  it("scores 1 everywhere for identical pages", async () => {
    const html = "<h1>Hi</h1><ul><li>one</li><li>two</li></ul>";
    const render = image(["#.", ".#"]);
    const { values, errors } = await computeMetrics(page(html, render), page(html, render));
    expect(values).toEqual(Object.fromEntries(CONTRACT_ORDER.map((id) => [id, 1])));
    expect(errors).toEqual({});
  });

  it("scores a blank prediction against a page", async () => {
    const { values } = await computeMetrics(page("", image([".."])), page("<p>hi</p>", image(["#."])));
    expect(values).toEqual({
      pixel_similarity: 0.5,
      dom_depth_similarity: expect.closeTo(2 / 3, 12), // 3 levels against 2
      tag_count_similarity: 0.75, // 3 elements against 4
      unique_tags_similarity: 0.75,
      tag_histogram_similarity: 0.75,
      tree_bleu: 0.5,
      text_similarity: 0,
    });
  });
});

describe("computeWith", () => {
  const thrower: Metric = {
    ...fixed("broken", 0),
    compute: () => {
      throw new Error("boom");
    },
  };

  it("scores a throwing metric null, records its error, and scores the rest", async () => {
    const result = await computeWith([fixed("first", 0.25), thrower, fixed("last", 1)], page(), page());
    expect(result.values).toEqual({ first: 0.25, broken: null, last: 1 });
    expect(result.errors).toEqual({ broken: "boom" });
    expect(Object.keys(result.ms)).toEqual(["first", "broken", "last"]);
  });

  it("records a thrown non-Error as text", async () => {
    const result = await computeWith(
      [
        {
          ...thrower,
          compute: () => {
            throw "plain";
          },
        },
      ],
      page(),
      page(),
    );
    expect(result.errors).toEqual({ broken: "plain" });
  });

  it("refuses values outside [0, 1], NaN included", async () => {
    const result = await computeWith([fixed("nan", NaN), fixed("big", 1.5), fixed("low", -0.1), fixed("zero", 0)], page(), page());
    expect(result.values).toEqual({ nan: null, big: null, low: null, zero: 0 });
    expect(result.errors).toEqual({
      nan: "returned NaN, outside [0, 1]",
      big: "returned 1.5, outside [0, 1]",
      low: "returned -0.1, outside [0, 1]",
    });
  });

  it("awaits a metric that answers later, and scores one that rejects null", async () => {
    const later: Metric = { ...fixed("later", 0), compute: async () => 0.75 };
    const rejects: Metric = { ...fixed("rejects", 0), compute: () => Promise.reject(new Error("no session")) };
    const result = await computeWith([later, rejects], page(), page());
    expect(result.values).toEqual({ later: 0.75, rejects: null });
    expect(result.errors).toEqual({ rejects: "no session" });
  });

  it("shows each metric the scores of those before it", async () => {
    const seen: Record<string, number | null>[] = [];
    const spy: Metric = { ...fixed("spy", 0), compute: (_p, _r, scores) => (seen.push({ ...scores }), 1) };
    await computeWith([fixed("first", 0.25), thrower, spy], page(), page());
    expect(seen).toEqual([{ first: 0.25, broken: null }]);
  });
});

describe("metricsMetadata", () => {
  it("describes every metric by id, in order", () => {
    const metadata = metricsMetadata();
    expect(Object.keys(metadata)).toEqual(CONTRACT_ORDER);
    expect(metadata.tree_bleu).toEqual({
      version: 1,
      higherIsBetter: true,
      description: METRICS.find((m) => m.id === "tree_bleu")!.description,
    });
  });
});

describe("scoring dependencies", () => {
  const pinned = (
    JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      dependencies: Record<string, string>;
    }
  ).dependencies;

  it("reads the installed versions, which match the package's pins", () => {
    expect(scoringDependencies()).toEqual({
      parse5: pinned.parse5,
      pixelmatch: pinned.pixelmatch,
      sharp: pinned.sharp,
      libvips: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
  });

  it("records pixelmatch 7.2.0, whose colour distance the pixel scores assume", () => {
    expect(PIXELMATCH_VERSION).toBe("7.2.0");
  });
});
