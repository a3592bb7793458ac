/**
 * Mean squared error per image, and its mean over the batch. The space is the caller's: MSE on
 * [0, 1] pixels and on normalised images differ by the squared std, so the result carries `space`.
 */
import type { ImageBatch, ImageMetricResult, MetricSpace } from './types.js';
import { meanOf, validateImagePair } from './validateImages.js';

/**
 * Per-image MSE = mean over H·W·C of (a − b)², and the batch mean of those.
 * Zhu et al. 2019 (DLG) notebook, "mse" between dummy and ground truth.
 * @param a - images, NHWC.
 * @param b - images with the same shape as `a`.
 * @param space - the space both batches are in; carried into the result.
 * @returns `{ value, perImage, space }`.
 */
export function mse(a: ImageBatch, b: ImageBatch, space: MetricSpace): ImageMetricResult {
  validateImagePair('mse', a, b, space);
  const [n, h, w, c] = a.shape;
  const size = h * w * c;
  const perImage: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = i * size; k < (i + 1) * size; k++) {
      const d = a.data[k] - b.data[k];
      s += d * d;
    }
    perImage.push(s / size);
  }
  return { value: meanOf(perImage), perImage, space };
}
