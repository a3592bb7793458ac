/**
 * Plain-data records of the metrics layer (no tensors). Images are NHWC row-major typed arrays;
 * every image metric result says which space its inputs were in, so numbers are never reported
 * without their scale (ecosystem.md (b) 8: "metrics are defined inconsistently").
 */

/** A batch of images as plain data: `data` holds N·H·W·C values, NHWC row-major. */
export interface ImageBatch {
  /** N·H·W·C values, NHWC row-major. */
  readonly data: Float32Array | Float64Array;
  /** [N, H, W, C]. */
  readonly shape: readonly [number, number, number, number];
}

/**
 * The space the caller's pixels live in: `pixels01` = de-normalised and clamped to [0, 1];
 * `normalised` = after the dataset's mean/std normalisation.
 */
export type MetricSpace = 'pixels01' | 'normalised';

/** A batch metric: the mean over images, the per-image values, and the space of the inputs. */
export interface ImageMetricResult {
  /** Mean of `perImage`. */
  readonly value: number;
  /** One value per image, in batch order. */
  readonly perImage: readonly number[];
  /** The space the inputs were in (as stated by the caller). */
  readonly space: MetricSpace;
}

/** PSNR result: per-image PSNR in dB, then averaged (not PSNR of the batch MSE). */
export interface PsnrResult extends ImageMetricResult {
  /** Peak value range used in 10·log10(range² / MSE). */
  readonly dataRange: number;
}

/** SSIM result; `variant` is SSIM_VARIANT, to be printed next to every SSIM number. */
export interface SsimResult extends ImageMetricResult {
  readonly dataRange: number;
  readonly variant: string;
}

/** Options of the range-dependent image metrics (PSNR, SSIM). */
export interface RangeMetricOptions {
  /** The space the inputs are in; carried into the result. */
  readonly space: MetricSpace;
  /** Peak-to-peak value range of the images. @default 1 */
  readonly dataRange?: number;
}
