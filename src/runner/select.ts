import type { Sample } from "../datasets/index.js";

/** `--shard i/N`: the i-th of N slices (1-based). */
export interface Shard {
  index: number;
  count: number;
}

export interface Selection {
  /** Only the first N samples of the dataset. */
  limit?: number;
  shard?: Shard;
}

/**
 * The samples a run covers: the first `limit`, then, with a shard, every N-th of those starting
 * at the shard's own position (round robin, so slow and fast pages spread evenly over the
 * machines). The same selection always gives the same samples, in dataset order.
 */
export function selectSamples(samples: readonly Sample[], selection: Selection): Sample[] {
  const first = samples.slice(0, selection.limit ?? undefined);
  const shard = selection.shard;
  return shard ? first.filter((_, position) => position % shard.count === shard.index - 1) : first;
}

/** Where the `j`-th sample of shard `index` of `count` sits among all selected samples. */
export function positionInRun(shard: Shard, indexInShard: number): number {
  return indexInShard * shard.count + shard.index - 1;
}
