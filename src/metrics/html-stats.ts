import { parse } from "parse5";
import { buildPageTree, treeStats } from "./page-tree.js";
import type { TreeStats } from "./types.js";

/** DOM depth, element count and distinct tags of an HTML source, as the contract defines them. */
export function htmlStats(html: string): TreeStats {
  return treeStats(buildPageTree(parse(html)));
}

export interface HtmlMeasures extends TreeStats {
  /** Length of the HTML source in Unicode code points (as Python's `len` counts), not UTF-16 units. */
  length: number;
}

/** Tree statistics and length of an HTML source, for dataset statistics; needs no render. */
export function measureHtml(html: string): HtmlMeasures {
  const surrogatePairs = html.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0;
  return { ...htmlStats(html), length: html.length - surrogatePairs };
}
