import { ratioSimilarity } from "./ratio.js";
import type { Metric } from "./types.js";

export const domDepthSimilarity: Metric<"tree"> = {
  id: "dom_depth_similarity",
  version: 1,
  description: "How close the depth of the deepest element is between the pages: 1 - |dp - dr| / max(dp, dr), with html at depth 1.",
  higherIsBetter: true,
  artifacts: ["tree"],
  compute: ({ tree }) => ratioSimilarity(tree.pred.depth, tree.ref.depth),
};
