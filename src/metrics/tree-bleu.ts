import type { Metric } from "./types.js";

export const treeBleu: Metric<"tree"> = {
  id: "tree_bleu",
  version: 1,
  description:
    "Share of the reference's distinct height-1 subtrees (a tag with the ordered tags of its element children) that also occur in the prediction.",
  higherIsBetter: true,
  artifacts: ["tree"],
  compute({ tree }) {
    const wanted = tree.ref.subtrees;
    if (wanted.size === 0) return 1;
    let found = 0;
    for (const subtree of wanted) if (tree.pred.subtrees.has(subtree)) found++;
    return found / wanted.size;
  },
};
