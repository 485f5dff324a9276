import type { D2cBlockMap } from "../../shared/index.js";
import type { D2cScores } from "./scores.js";

type Box = D2cBlockMap["unmatchedPred"][number];

/** The matching of a scored pair, small enough to keep with the sample's record: boxes as fractions of each page, to 4 decimals (a tenth of a pixel on a 1280-px page). */
export function blockMap(scores: D2cScores): D2cBlockMap {
  const box = (bbox: readonly number[]) => bbox.map(round) as Box;
  return {
    matches: scores.matches.map((match) => ({
      pred: box(match.pred.bbox),
      ref: box(match.ref.bbox),
      text: round(match.text),
      position: round(match.position),
      color: round(match.color),
    })),
    unmatchedPred: scores.unmatchedPred.map((block) => box(block.bbox)),
    unmatchedRef: scores.unmatchedRef.map((block) => box(block.bbox)),
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
