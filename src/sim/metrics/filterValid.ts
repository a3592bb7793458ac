/** Separable 'valid' filtering (no padding) of one image plane, in float64. */

/**
 * Correlate an H×W plane with the separable kernel k kᵀ, keeping only positions where the
 * window lies inside the plane ('valid'): output is (H−K+1)×(W−K+1), row-major.
 * Cost O(H·W·K) instead of O(H·W·K²) for the direct 2-D sum.
 * @param plane - H·W values, row-major.
 * @param h - rows H ≥ K.
 * @param w - columns W ≥ K.
 * @param k - 1-D kernel of length K.
 * @returns the filtered plane, (H−K+1)·(W−K+1) values.
 */
export function filterValid(plane: ArrayLike<number>, h: number, w: number, k: Float64Array): Float64Array {
  const kn = k.length;
  const ow = w - kn + 1;
  const oh = h - kn + 1;
  if (oh < 1 || ow < 1) {
    throw new RangeError(`filterValid: plane smaller than kernel (got ${h}x${w}, expected both ≥ ${kn})`);
  }
  // horizontal pass: h × ow
  const tmp = new Float64Array(h * ow);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let t = 0; t < kn; t++) s += k[t] * plane[y * w + x + t];
      tmp[y * ow + x] = s;
    }
  }
  // vertical pass: oh × ow
  const out = new Float64Array(oh * ow);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let t = 0; t < kn; t++) s += k[t] * tmp[(y + t) * ow + x];
      out[y * ow + x] = s;
    }
  }
  return out;
}
