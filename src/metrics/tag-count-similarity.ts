import { ratioSimilarity } from "./ratio.js";
import type { Metric } from "./types.js";

export const tagCountSimilarity: Metric = {
  id: "tag_count_similarity",
  version: 1,
  description: "How close the number of elements is between the pages (implied html, head and body included): 1 - |np - nr| / max(np, nr).",
  higherIsBetter: true,
  compute: (pred, ref) => ratioSimilarity(pred.tree.elementCount, ref.tree.elementCount),
};
