/**
 * Tensors from a `Dataset`: an image batch x [n, H, W, C] float32 and int32 labels y [n].
 */
import { tf } from '../../tensor/tf.js';
import { checkIndices } from './subset.js';
import type { Dataset } from './types.js';

/** An image batch and its labels as tensors. */
export interface TensorBatch {
  /** Images, [n, H, W, C] float32 in [0, 1]. */
  readonly x: tf.Tensor4D;
  /** Class labels, [n] int32. */
  readonly y: tf.Tensor1D;
}

/**
 * The samples of `ds` at `indices` (in that order) as tensors.
 * Caller owns returned tensors.
 */
export function toBatch(ds: Dataset, indices: readonly number[]): TensorBatch {
  checkIndices(`toBatch of ${ds.name}`, indices, ds.labels.length);
  const [h, w, c] = ds.shape;
  const size = h * w * c;
  const pixels = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  indices.forEach((k, i) => {
    pixels.set(ds.images.subarray(k * size, (k + 1) * size), i * size);
    labels[i] = ds.labels[k];
  });
  return { x: tf.tensor4d(pixels, [indices.length, h, w, c], 'float32'), y: tf.tensor1d(labels, 'int32') };
}

/**
 * One-hot float32 rows [n, numClasses] for int32 labels y [n].
 * Caller owns returned tensors.
 */
export function oneHot(y: tf.Tensor1D, numClasses: number): tf.Tensor2D {
  if (!Number.isSafeInteger(numClasses) || numClasses < 1) {
    throw new RangeError(`oneHot: bad numClasses (got ${numClasses}, expected a positive integer)`);
  }
  return tf.tidy(() => tf.oneHot(y.toInt(), numClasses).toFloat() as tf.Tensor2D);
}
