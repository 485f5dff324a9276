import { ratioSimilarity } from "./ratio.js";
import type { Metric } from "./types.js";

export const tagCountSimilarity: Metric<"tree"> = {
  id: "tag_count_similarity",
  version: 1,
  description: "How close the number of elements is between the pages (implied html, head and body included): 1 - |np - nr| / max(np, nr).",
  higherIsBetter: true,
  artifacts: ["tree"],
  compute: ({ tree }) => ratioSimilarity(tree.pred.elementCount, tree.ref.elementCount),
};
