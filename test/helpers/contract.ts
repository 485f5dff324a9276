/** The metric ids of ../shared/CONTRACT.md, in its order: written out here so tests check the code against them. */
export const CONTRACT_METRIC_IDS = [
  "pixel_similarity",
  "dom_depth_similarity",
  "tag_count_similarity",
  "unique_tags_similarity",
  "tag_histogram_similarity",
  "tree_bleu",
  "text_similarity",
];
