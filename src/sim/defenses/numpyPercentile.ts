/**
 * `np.percentile(values, p)` with numpy's default 'linear' method (numpy ≥ 1.22), in float64,
 * including its edge cases, because the official Soteria and GC masks are
 * `abs(s) < np.percentile(s, p)`:
 *
 *   sorted a₀ ≤ … ≤ a_{n−1}, v = (n − 1)·(p/100), j = ⌊v⌋, γ = v − j,
 *   result = lerp(a_j, a_{j+1}, γ) = a + (b − a)·γ, or b − (b − a)·(1 − γ) when γ ≥ 0.5.
 *
 * When v ≥ n − 1 numpy takes a = b = a_{n−1} with γ = v + 1. Any NaN in `values` gives NaN, and
 * an infinite neighbour gives NaN or ±Infinity exactly as numpy does (e.g. γ = 0 next to +∞ is
 * ∞·0 = NaN). The official code calls numpy on a float32 array; here the arithmetic is float64.
 */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * The p-th percentile of `values` as numpy computes it (method 'linear').
 * @param values - at least one number (NaN allowed: the result is then NaN).
 * @param p - percent in [0, 100].
 * @returns The threshold, a float64 number.
 */
export function numpyPercentile(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (n === 0) throw new RangeError('numpyPercentile: values must not be empty (got 0 values, expected at least 1)');
  if (!(Number.isFinite(p) && p >= 0 && p <= 100)) throw new RangeError(`numpyPercentile: p must be in [0, 100] (got ${p})`);
  const a = Float64Array.from(values).sort(); // typed-array sort: numeric, NaN last (numpy's order)
  if (Number.isNaN(a[n - 1])) return Number.NaN;
  const v = (n - 1) * (p / 100);
  let prev = Math.floor(v);
  let next = prev + 1;
  if (v >= n - 1) {
    prev = -1; // numpy's index −1, i.e. the last element; γ is computed with −1
    next = -1;
  }
  const at = (i: number): number => a[i < 0 ? n + i : i];
  return lerp(at(prev), at(next), v - prev);
}
