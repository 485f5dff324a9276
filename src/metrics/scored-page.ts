import { parse } from "parse5";
import { PNG } from "pngjs";
import { buildPageTree, treeStats } from "./page-tree.js";
import type { ScoredPage, TreeStats } from "./types.js";

/** Parses and decodes one page once, so that every metric reads the same facts. */
export function scorePage(html: string, png: Buffer): ScoredPage {
  const document = parse(html);
  // pngjs decodes every colour type and bit depth to 8-bit RGBA.
  const { width, height, data } = PNG.sync.read(png);
  return { html, document, tree: buildPageTree(document), image: { width, height, data } };
}

export interface HtmlMeasures extends TreeStats {
  /** Length of the HTML source in Unicode code points (as Python's `len` counts), not UTF-16 units. */
  length: number;
}

/** Tree statistics and length of an HTML source, for dataset statistics; needs no render. */
export function measureHtml(html: string): HtmlMeasures {
  const surrogatePairs = html.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0;
  return { ...treeStats(buildPageTree(parse(html))), length: html.length - surrogatePairs };
}
