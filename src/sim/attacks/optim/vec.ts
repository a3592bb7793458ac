/**
 * Float64 vector helpers for the optimizers (sequential summation, no tfjs).
 */

/** Inner product Σ aᵢbᵢ. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** ‖a‖∞ = maxᵢ |aᵢ| (0 for an empty vector). */
export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m || Number.isNaN(v)) m = v;
  }
  return m;
}

/** ‖a‖₁ = Σᵢ |aᵢ|. */
export function sumAbs(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]);
  return s;
}

/** out ← x + t·d (elementwise, as PyTorch's `x.add_(d, alpha=t)`); returns out. */
export function addScaled(out: Float64Array, x: ArrayLike<number>, t: number, d: ArrayLike<number>): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = x[i] + t * d[i];
  return out;
}
