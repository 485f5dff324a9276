import { parse } from "parse5";
import { buildPageTree } from "./page-tree.js";
import type { RasterImage, ScoredPage } from "./types.js";

/** Parses one page once, beside its decoded render, so that every metric reads the same facts. */
export function scorePage(html: string, image: RasterImage): ScoredPage {
  const document = parse(html);
  return { html, document, tree: buildPageTree(document), image };
}
