/** Fraction of correctly inferred labels (iDLG label inference). */

/**
 * Fraction of positions where `pred[i] === truth[i]`, in [0, 1].
 * Zhao et al. 2020 (iDLG), §4: label-inference accuracy.
 * @param pred - predicted class indices.
 * @param truth - true class indices, same length (≥ 1).
 * @returns the accuracy in [0, 1].
 */
export function labelAccuracy(pred: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (pred.length === 0 || pred.length !== truth.length) {
    throw new RangeError(`labelAccuracy: inputs must be non-empty and of equal length (got ${pred.length} and ${truth.length}, expected equal lengths ≥ 1)`);
  }
  let hits = 0;
  for (let i = 0; i < pred.length; i++) {
    if (!Number.isInteger(pred[i]) || !Number.isInteger(truth[i])) {
      throw new RangeError(`labelAccuracy: labels must be integers (got ${pred[i]} and ${truth[i]} at index ${i}, expected class indices)`);
    }
    if (pred[i] === truth[i]) hits++;
  }
  return hits / pred.length;
}
