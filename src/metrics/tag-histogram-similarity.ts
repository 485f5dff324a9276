import type { Metric } from "./types.js";

export const tagHistogramSimilarity: Metric<"tree"> = {
  id: "tag_histogram_similarity",
  version: 1,
  description: "Weighted Jaccard of the tag-name histograms: sum over tags of the smaller count divided by the sum of the larger count.",
  higherIsBetter: true,
  artifacts: ["tree"],
  compute({ tree }) {
    const predCounts = tree.pred.tagCounts;
    const refCounts = tree.ref.tagCounts;
    let shared = 0;
    let total = 0;
    for (const tag of new Set([...predCounts.keys(), ...refCounts.keys()])) {
      const p = predCounts.get(tag) ?? 0;
      const r = refCounts.get(tag) ?? 0;
      shared += Math.min(p, r);
      total += Math.max(p, r);
    }
    return total === 0 ? 1 : shared / total;
  },
};
