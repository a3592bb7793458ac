/**
 * "Minimum MSE over iterations", as the DLG notebook reports it. It needs the ground truth at
 * every iteration, which no real attacker has: the result type says so (`usesGroundTruth: true`).
 */

/** Result of `runningMin`; always labelled as using the ground truth. */
export interface RunningMinResult {
  /** Smallest non-NaN value (NaN if every value is NaN). */
  readonly value: number;
  /** Index of the first iteration attaining `value` (−1 if every value is NaN). */
  readonly iteration: number;
  /** prefixMin[t] = min over iterations 0..t (NaN until the first non-NaN value). */
  readonly prefixMin: readonly number[];
  /** This number needs the ground truth: report it apart from attacker-side choices. */
  readonly usesGroundTruth: true;
}

/**
 * Running minimum of a per-iteration metric (e.g. MSE to the ground truth). NaN entries
 * (diverged iterations) are skipped, never compared. Zhu et al. 2019 (DLG) notebook.
 * @param values - the metric at iterations 0, 1, … (≥ 1 entry).
 * @returns `{ value, iteration, prefixMin, usesGroundTruth: true }`.
 */
export function runningMin(values: ArrayLike<number>): RunningMinResult {
  if (values.length === 0) {
    throw new RangeError('runningMin: no values (got 0 iterations, expected ≥ 1)');
  }
  let value = Number.NaN;
  let iteration = -1;
  const prefixMin: number[] = [];
  for (let t = 0; t < values.length; t++) {
    const x = values[t];
    if (!Number.isNaN(x) && (iteration < 0 || x < value)) [value, iteration] = [x, t];
    prefixMin.push(value);
  }
  return { value, iteration, prefixMin, usesGroundTruth: true };
}
