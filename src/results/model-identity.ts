import type { ModelRecord } from "./schema.js";

/**
 * What fixes a model's output, as two runs compare it: the model record without its spec (which
 * may name paths and addresses) and its placement. Merge and resume compare this and nothing of
 * any backend's own fields.
 */
export function modelIdentity(model: ModelRecord): Record<string, unknown> {
  const { spec: _spec, placement: _placement, ...identity } = model;
  return identity;
}
