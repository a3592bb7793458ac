/** The 1-D Gaussian window of SSIM (Wang et al. 2004): the 2-D window is its outer product. */

/**
 * Normalised 1-D Gaussian taps w_k ∝ exp(−k² / (2σ²)), k = −(size−1)/2 … (size−1)/2, Σ w_k = 1.
 * The outer product w wᵀ is the normalised 2-D window (Gaussian windows are separable).
 * Wang et al. 2004 (SSIM), §III-B: 11×11 circular-symmetric Gaussian, σ = 1.5.
 * @param size - odd number of taps. @default 11
 * @param sigma - standard deviation in pixels. @default 1.5
 * @returns `size` weights summing to 1.
 */
export function gaussianWindow(size = 11, sigma = 1.5): Float64Array {
  if (!(Number.isInteger(size) && size >= 1 && size % 2 === 1)) {
    throw new RangeError(`gaussianWindow: size must be a positive odd integer (got ${size}, expected e.g. 11)`);
  }
  if (!(Number.isFinite(sigma) && sigma > 0)) {
    throw new RangeError(`gaussianWindow: sigma must be positive and finite (got ${sigma}, expected e.g. 1.5)`);
  }
  const half = (size - 1) / 2;
  const w = new Float64Array(size);
  let total = 0;
  for (let k = 0; k < size; k++) {
    w[k] = Math.exp(-((k - half) ** 2) / (2 * sigma * sigma));
    total += w[k];
  }
  for (let k = 0; k < size; k++) w[k] /= total;
  return w;
}
