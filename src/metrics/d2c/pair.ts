import type { ScoredPage } from "../types.js";
import { d2cScores, type D2cScores } from "./scores.js";

/** The last pair scored with each prediction page: the d2c_* metrics of one pair share one computation. */
const computed = new WeakMap<ScoredPage, { ref: ScoredPage; scores: D2cScores }>();

/** Design2Code's four block scores of a scored pair, computed once per pair (see scores.ts). */
export function d2cPairScores(pred: ScoredPage, ref: ScoredPage): D2cScores {
  const hit = computed.get(pred);
  if (hit?.ref === ref) return hit.scores;
  for (const [side, page] of [["prediction", pred] as const, ["reference", ref] as const]) {
    if (!page.textBlocks)
      throw new Error(
        `the ${side}'s render carries no text blocks (renderer before version 3, or a page that broke the DOM APIs measuring them)`,
      );
  }
  const scores = d2cScores(
    { blocks: pred.textBlocks!, width: pred.image.width, height: pred.image.height },
    { blocks: ref.textBlocks!, width: ref.image.width, height: ref.image.height },
  );
  computed.set(pred, { ref, scores });
  return scores;
}
