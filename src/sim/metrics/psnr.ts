/**
 * Peak signal-to-noise ratio, per image then averaged (the breaching / invertinggradients
 * convention with range 1 after de-normalising and clamping).
 */
import { mse } from './mse.js';
import type { ImageBatch, PsnrResult, RangeMetricOptions } from './types.js';
import { meanOf, validateDataRange, validateImagePair } from './validateImages.js';

/**
 * PSNR_i = 10·log10(dataRange² / MSE_i) for each image i, and `value` = mean_i PSNR_i
 * (not the PSNR of the batch MSE). An image with MSE 0 has PSNR +Infinity, and so has the mean.
 * @param a - images, NHWC.
 * @param b - images with the same shape as `a`.
 * @param options - `space` (carried into the result) and `dataRange` (@default 1).
 * @returns `{ value, perImage, space, dataRange }`, in dB.
 */
export function psnr(a: ImageBatch, b: ImageBatch, options: RangeMetricOptions): PsnrResult {
  const dataRange = options.dataRange ?? 1;
  validateImagePair('psnr', a, b, options.space);
  validateDataRange('psnr', dataRange);
  const m = mse(a, b, options.space);
  const perImage = m.perImage.map((e) => 10 * Math.log10((dataRange * dataRange) / e));
  return { value: meanOf(perImage), perImage, space: options.space, dataRange };
}
