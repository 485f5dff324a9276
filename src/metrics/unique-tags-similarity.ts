import { ratioSimilarity } from "./ratio.js";
import type { Metric } from "./types.js";

export const uniqueTagsSimilarity: Metric<"tree"> = {
  id: "unique_tags_similarity",
  version: 1,
  description: "How close the number of distinct tag names is between the pages: 1 - |up - ur| / max(up, ur).",
  higherIsBetter: true,
  artifacts: ["tree"],
  compute: ({ tree }) => ratioSimilarity(tree.pred.tagCounts.size, tree.ref.tagCounts.size),
};
