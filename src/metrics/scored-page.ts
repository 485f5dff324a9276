import { parse } from "parse5";
import sharp from "sharp";
import { buildPageTree, treeStats } from "./page-tree.js";
import type { TextBlock } from "../shared/index.js";
import type { RasterImage, ScoredPage, TreeStats } from "./types.js";

// One libvips thread per decode: the scoring worker threads already decode several samples at once.
sharp.concurrency(1);

/** PNG bytes to 8-bit RGBA, every colour type and bit depth; libvips is about 4x faster than pure-JS decoders. */
export async function decodePng(png: Buffer): Promise<RasterImage> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** Parses one page once, beside its decoded render and its text blocks (page facts), so that every metric reads the same facts. */
export function scorePage(html: string, image: RasterImage, textBlocks: readonly TextBlock[] | null = null): ScoredPage {
  const document = parse(html);
  return { html, document, tree: buildPageTree(document), image, textBlocks };
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
