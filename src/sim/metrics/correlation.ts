/** Pearson correlation, the `cor` metric of representation inference. */
import { validateVectorPair } from './validateVectors.js';

/**
 * Pearson correlation Σ(a−ā)(b−b̄) / √(Σ(a−ā)² Σ(b−b̄)²), in [−1, 1], computed in float64
 * with centred (two-pass) sums. Soteria (arXiv 2012.06043), §3.2 / Fig. 3: `cor` between the
 * inferred and the true representation.
 * If either input has zero variance the correlation is undefined and the result is NaN
 * (callers report it as "undefined", never as 0).
 * @param a - a vector (≥ 1 entries, finite).
 * @param b - a vector of the same length.
 * @returns the correlation, or NaN when a or b is constant.
 */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  validateVectorPair('correlation', a, b);
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return Number.NaN;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}
