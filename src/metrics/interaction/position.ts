import type { Box } from "../../shared/interactions.js";

/** A box and the size of the picture it lies in. */
export interface BoxInImage {
  box: Box;
  width: number;
  height: number;
}

/**
 * How near the acted element sits to where the reference has it, Interaction2Code's position score:
 * 1 − max(|Δx|, |Δy|) of the two boxes' centres, each centre divided by its own picture's width and
 * height, so that a capture at another width compares. Clamped to [0, 1] (a box past its picture's
 * edge can put a centre outside [0, 1]).
 */
export function positionScore(ref: BoxInImage, pred: BoxInImage): number {
  const [refX, refY] = normalisedCentre(ref);
  const [predX, predY] = normalisedCentre(pred);
  const score = 1 - Math.max(Math.abs(refX - predX), Math.abs(refY - predY));
  return Math.min(1, Math.max(0, score));
}

function normalisedCentre({ box, width, height }: BoxInImage): [number, number] {
  return [(box.x + box.width / 2) / width, (box.y + box.height / 2) / height];
}
