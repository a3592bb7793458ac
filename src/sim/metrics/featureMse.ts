/** Feature MSE between two representation vectors (plato PR #369's "feature MSE"). */
import { validateVectorPair } from './validateVectors.js';

/**
 * Mean over entries of (r1 − r2)², for representation (feature) vectors of equal length.
 * Soteria (arXiv 2012.06043), §3.2 / §6: distance between the inferred and the true
 * representation of the defended layer.
 * @param r1 - a representation vector (flattened).
 * @param r2 - a vector of the same length.
 * @returns the mean squared difference (≥ 0).
 */
export function featureMse(r1: ArrayLike<number>, r2: ArrayLike<number>): number {
  validateVectorPair('featureMse', r1, r2);
  let s = 0;
  for (let i = 0; i < r1.length; i++) {
    const d = r1[i] - r2[i];
    s += d * d;
  }
  return s / r1.length;
}
