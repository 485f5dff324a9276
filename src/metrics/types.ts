import type { DefaultTreeAdapterMap } from "parse5";

export type Document = DefaultTreeAdapterMap["document"];

/** Decoded RGBA pixels of a render. */
export interface RasterImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Facts about a parsed page, gathered in one iterative walk and shared by every metric. */
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

/** A rectangle in pixels of a page's full-page render, origin at its top left. */
export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a page drew text (Design2Code's text blocks); the in-browser extraction also gives each its text and colour. */
export interface TextBlock {
  box: PageBox;
}

/** One side of a comparison: what the metrics read. Built once per page by `scorePage`. */
export interface ScoredPage {
  html: string;
  document: Document;
  tree: PageTree;
  image: RasterImage;
  /** The page's text blocks; absent where they were not extracted (the metrics that need them then fail). */
  textBlocks?: readonly TextBlock[];
}

/** What a results file says about a metric, computed or not. */
export interface MetricInfo {
  id: string;
  /** Bumped whenever a change moves any score. */
  version: number;
  description: string;
  higherIsBetter: boolean;
}

export interface Metric extends MetricInfo {
  /** `scores`: what the metrics computed before this one gave for the pair (null where one failed); for derived scores. */
  compute(pred: ScoredPage, ref: ScoredPage, scores?: Readonly<Record<string, number | null>>): number | Promise<number>;
}

export interface TreeStats {
  dom_depth: number;
  tag_count: number;
  unique_tags: number;
}
