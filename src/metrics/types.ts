import type { DefaultTreeAdapterMap } from "parse5";
import type { TextBlock, TreeStats } from "../shared/index.js";
import type { RasterImage } from "../shared/png.js";
import type { ArtifactName, Artifacts } from "./artifacts.js";

export type Document = DefaultTreeAdapterMap["document"];

/** Decoded RGBA pixels of a render, from `shared/png.ts` (the tool's one PNG decoder). */
export type { RasterImage };
/** DOM statistics of a page (`shared/tree-stats.ts`, the schema a sample's line is read with). */
export type { TreeStats };

/** Facts about a parsed page, gathered in one iterative walk: the `tree` artifact. */
export interface PageTree {
  /** Depth of the deepest element; `html` counts 1. */
  depth: number;
  /** Element count per tag name (implied html, head, body included). */
  tagCounts: Map<string, number>;
  /** Total number of elements. */
  elementCount: number;
  /** Distinct height-1 subtrees: `tag(child1,child2,...)` for every element with element children. */
  subtrees: Set<string>;
  /** Visible text: text nodes outside script, style, template, noscript and head, whitespace collapsed. */
  text: string;
}

/**
 * One side of a pair as it comes to be scored. What the metrics read of it (the parsed page, the
 * pixels, the text blocks) is computed from it when a metric first needs it (artifacts.ts).
 */
export interface ScoredPage {
  html: string;
  /** The render: its PNG bytes, decoded when a metric first needs the pixels, or pixels already decoded. */
  render: Uint8Array | RasterImage;
  /** Design2Code's text blocks from the render's page facts; null when the render carries none (the metrics that need them then fail). */
  textBlocks: readonly TextBlock[] | null;
}

/** What a results file says about a metric, computed or not. */
export interface MetricInfo {
  id: string;
  /** Bumped whenever a change moves any score. */
  version: number;
  description: string;
  higherIsBetter: boolean;
}

/**
 * A page metric. Like a Lighthouse audit, it declares the artifacts it reads (artifacts.ts) and gets
 * exactly those: each is computed once per pair, when the first metric that declares it is scored,
 * and a metric whose artifact cannot be had (a render without text blocks) fails alone.
 */
export interface Metric<Needs extends ArtifactName = ArtifactName> extends MetricInfo {
  readonly artifacts: readonly Needs[];
  /**
   * A score in [0, 1] (or its promise, for a metric that runs a model). `earlier` holds the pair's
   * scores of the metrics listed before this one (null where one failed), for a metric made of
   * others (d2c_final); none when scored alone. Throwing scores null with the error recorded.
   */
  compute(artifacts: Artifacts<Needs>, earlier?: Readonly<Record<string, number | null>>): number | Promise<number>;
}

/** A metric of the `qa` task: an answer scored against the gold answer as text, 1 right or 0 wrong. */
export interface AnswerMetric {
  id: string;
  /** Bumped whenever a change moves any score. */
  version: number;
  description: string;
  higherIsBetter: boolean;
  score(answer: string, gold: string): number;
}
