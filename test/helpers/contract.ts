/**
 * The metric ids of ../shared/CONTRACT.md that every run scores, in its order: written out here so tests
 * check the code against them (d2c_clip and d2c_final, the wcgb_* and qa_* ids come only with their options).
 */
export const CONTRACT_METRIC_IDS = [
  "pixel_similarity",
  "dom_depth_similarity",
  "tag_count_similarity",
  "unique_tags_similarity",
  "tag_histogram_similarity",
  "tree_bleu",
  "text_similarity",
  "ssim",
  "d2c_block_match",
  "d2c_text",
  "d2c_position",
  "d2c_color",
];
