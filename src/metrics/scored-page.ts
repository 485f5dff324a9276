import { parse } from "parse5";
import type { TextBlock } from "../shared/index.js";
import { buildPageTree } from "./page-tree.js";
import type { RasterImage, ScoredPage } from "./types.js";

/** Parses one page once, beside its decoded render and its text blocks (page facts), so that every metric reads the same facts. */
export function scorePage(html: string, image: RasterImage, textBlocks: readonly TextBlock[] | null = null): ScoredPage {
  const document = parse(html);
  return { html, document, tree: buildPageTree(document), image, textBlocks };
}
