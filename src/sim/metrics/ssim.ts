/**
 * Structural similarity, Wang et al. 2004 (IEEE TIP 13(4)), eq. (13) with Gaussian windows:
 * SSIM(x, y) = (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2)), C1 = (K1 L)²,
 * C2 = (K2 L)², L = dataRange; μ, σ², σxy are Gaussian-weighted (population) moments.
 * Same definition as `tf.image.ssim` and skimage `structural_similarity(gaussian_weights=True,
 * sigma=1.5, use_sample_covariance=False)`; breaching's CW-SSIM is a different metric.
 */
import { filterValid } from './filterValid.js';
import { gaussianWindow } from './gaussianWindow.js';
import type { ImageBatch, RangeMetricOptions, SsimResult } from './types.js';
import { meanOf, validateDataRange, validateImagePair } from './validateImages.js';

/** Which SSIM this is; print it next to every SSIM number. */
export const SSIM_VARIANT = 'Wang 2004, 11x11 Gaussian sigma 1.5, K1 0.01 K2 0.03, valid, per channel mean';

const WINDOW = 11;
const SIGMA = 1.5;
const K1 = 0.01;
const K2 = 0.03;

/** Mean of the SSIM map of one channel of one image (planes of H·W, float64). */
function channelSsim(x: Float64Array, y: Float64Array, h: number, w: number, dataRange: number): number {
  const k = gaussianWindow(WINDOW, SIGMA);
  const c1 = (K1 * dataRange) ** 2;
  const c2 = (K2 * dataRange) ** 2;
  const xx = x.map((v) => v * v);
  const yy = y.map((v) => v * v);
  const xy = x.map((v, i) => v * y[i]);
  const [mx, my, exx, eyy, exy] = [x, y, xx, yy, xy].map((p) => filterValid(p, h, w, k));
  let total = 0;
  for (let i = 0; i < mx.length; i++) {
    const vx = exx[i] - mx[i] * mx[i];
    const vy = eyy[i] - my[i] * my[i];
    const cxy = exy[i] - mx[i] * my[i];
    const num = (2 * mx[i] * my[i] + c1) * (2 * cxy + c2);
    const den = (mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2);
    total += num / den;
  }
  return total / mx.length;
}

/** Channel `ch` of image `i` as a float64 H×W plane. */
function planeOf(b: ImageBatch, i: number, ch: number): Float64Array {
  const [, h, w, c] = b.shape;
  const out = new Float64Array(h * w);
  const base = i * h * w * c;
  for (let p = 0; p < h * w; p++) out[p] = b.data[base + p * c + ch];
  return out;
}

/**
 * SSIM per image (mean over channels of each channel's mean SSIM map), then averaged over
 * images. 11×11 Gaussian window σ 1.5, K1 0.01, K2 0.03, 'valid' filtering (no padding),
 * computed in float64. Wang et al. 2004 (SSIM), eq. (13); see SSIM_VARIANT.
 * @param a - images, NHWC, H and W ≥ 11.
 * @param b - images with the same shape as `a`.
 * @param options - `space` (carried into the result) and `dataRange` L (@default 1).
 * @returns `{ value, perImage, space, dataRange, variant }`; value ≤ 1, and 1 when a = b.
 */
export function ssim(a: ImageBatch, b: ImageBatch, options: RangeMetricOptions): SsimResult {
  const dataRange = options.dataRange ?? 1;
  validateImagePair('ssim', a, b, options.space);
  validateDataRange('ssim', dataRange);
  const [n, h, w, c] = a.shape;
  if (h < WINDOW || w < WINDOW) {
    throw new RangeError(`ssim: images too small for the 11x11 window (got shape [${a.shape.join(', ')}], expected H and W ≥ ${WINDOW})`);
  }
  const perImage: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let ch = 0; ch < c; ch++) s += channelSsim(planeOf(a, i, ch), planeOf(b, i, ch), h, w, dataRange);
    perImage.push(s / c);
  }
  return { value: meanOf(perImage), perImage, space: options.space, dataRange, variant: SSIM_VARIANT };
}
