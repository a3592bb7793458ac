/**
 * `--shard i/n`: a deterministic slice of a sweep's cells (sorted by id, round-robin), so that
 * n batch-array tasks (SLURM array, Kubernetes Indexed Job) cover every cell exactly once.
 */
import { InputError } from '../../errors.js';

/** Shard `index` of `count` (0-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parse `i/n`.
 * @param raw - the option text, e.g. '0/4'.
 * @returns the shard.
 * @throws InputError unless 0 ≤ i < n.
 */
export function parseShard(raw: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = m === null ? Number.NaN : Number(m[1]);
  const count = m === null ? Number.NaN : Number(m[2]);
  if (!(count >= 1) || !(index >= 0) || index >= count) {
    throw new InputError(`--shard: not a shard i/n with 0 <= i < n (got '${raw}', expected e.g. 0/4)`);
  }
  return { index, count };
}

/**
 * The ids of one shard: sort the ids, keep every n-th starting at i.
 * @param ids - every cell id of the sweep (any order, no duplicates).
 * @param shard - the slice.
 * @returns the shard's ids, sorted.
 */
export function shardIds(ids: readonly string[], shard: Shard): string[] {
  return [...ids].sort().filter((_, k) => k % shard.count === shard.index);
}
