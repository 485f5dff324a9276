import { ratioSimilarity } from "./ratio.js";
import type { Metric } from "./types.js";

export const uniqueTagsSimilarity: Metric = {
  id: "unique_tags_similarity",
  version: 1,
  description: "How close the number of distinct tag names is between the pages: 1 - |up - ur| / max(up, ur).",
  higherIsBetter: true,
  compute: (pred, ref) => ratioSimilarity(pred.tree.tagCounts.size, ref.tree.tagCounts.size),
};
