/**
 * Design2Code's constants, as `Design2Code/metrics/visual_score.py` at commit d9e038a sets them
 * (visual_eval_v3_multi and find_possible_merge). Changing any of them moves every d2c_* score.
 */
export const D2C_RULES = {
  /** A matched pair whose difflib ratio is under this is dropped (`if text_similarity < 0.5: continue`). */
  matchThreshold: 0.5,
  /** Merging two adjacent blocks is kept when the matching's mean cost improves by more than this. */
  mergeGain: 0.05,
  /** The final matching adds this share of the two best neighbouring costs to a cost under -0.5 (`consecutive_bonus`). */
  contextBonus: 0.1,
  /** Those neighbours lie within this many rows and columns (`window_size`). */
  contextWindow: 1,
  /** Only costs under this get the context bonus (`if adjusted_cost_matrix[i][j] >= -0.5: continue`). */
  contextCostBelow: -0.5,
  /** d2c_final = this weight times the sum of the five scores (`0.2 * (...)`). */
  finalWeight: 0.2,
} as const;

/** The commit of Design2Code whose code these metrics follow. */
export const D2C_COMMIT = "d9e038a24b0ebc667eda9ba3280556c8df282d61";
