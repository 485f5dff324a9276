import type { TextBlock } from "../shared/index.js";
import type { RasterImage, ScoredPage } from "./types.js";

/** One side of a pair to score: its HTML, its render (PNG bytes or pixels) and its text blocks (page facts). Nothing is read yet. */
export function scorePage(html: string, render: Uint8Array | RasterImage, textBlocks: readonly TextBlock[] | null = null): ScoredPage {
  return { html, render, textBlocks };
}
