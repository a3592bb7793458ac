/**
 * How many features `jacobianRowNorms` puts in one batched pass, so that the replicated batch
 * and what its backward pass keeps alive stay within a memory budget.
 *
 * The cost is measured, not guessed: forward passes of 1 and of 2 images run under `tf.grad`,
 * and the bytes alive right after each forward (what the tape keeps for the backward pass) are
 * read from `tf.memory()`. Their difference is the per-image part; the rest is fixed per pass
 * (e.g. a transposed weight matrix: 6.4 MB for fedAvgCnn's fc1). A pass of n images then needs
 * about 2·fixed + n·(2·perImage + 4·D·4 + L·4) bytes (backward temporaries, replica, gradient,
 * squares, one-hot selector row).
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Model } from '../types.js';

/** Default budget of one batched Jacobian pass: 64 MiB. */
export const DEFAULT_JACOBIAN_BYTES = 64 * 1024 * 1024;

/** A chunking plan (plain data, reported in benchmarks). */
export interface JacobianPlan {
  /** Features per batched pass (≥ 1): each pass replicates the batch this many times. */
  readonly featuresPerPass: number;
  /** Number of passes, ⌈L / featuresPerPass⌉. */
  readonly passes: number;
  /** Estimated bytes per replicated image. */
  readonly bytesPerImage: number;
  /** Estimated bytes per pass that do not scale with the number of images. */
  readonly fixedBytes: number;
  /** The budget used. */
  readonly maxBytes: number;
}

/** Bytes alive after a forward pass of the first n images under a gradient tape. */
function forwardBytes(model: Model, params: ParamMap, x: tf.Tensor4D, n: number): number {
  const [, H, W, C] = x.shape;
  const x1 = tf.slice(x, [0, 0, 0, 0], [1, H, W, C]);
  const xn = n === 1 ? x1 : tf.tile(x1, [n, 1, 1, 1]);
  let bytes = 0;
  const before = tf.memory().numBytes;
  const g = tf.grad((xx: tf.Tensor) => {
    const r = model.apply(params, xx as tf.Tensor4D).representation;
    bytes = tf.memory().numBytes - before;
    return tf.sum(r);
  })(xn);
  tf.dispose([g, x1, xn]);
  return Math.max(0, bytes);
}

/**
 * Plan the feature chunks for a batch.
 * @param maxBytes - budget for one pass. @default DEFAULT_JACOBIAN_BYTES
 */
export function planJacobianPasses(model: Model, params: ParamMap, x: tf.Tensor4D, maxBytes = DEFAULT_JACOBIAN_BYTES): JacobianPlan {
  if (!(Number.isFinite(maxBytes) && maxBytes > 0)) throw new RangeError(`planJacobianPasses: maxBytes must be positive (got ${maxBytes})`);
  const [B, H, W, C] = x.shape;
  const L = model.representationSize;
  const one = forwardBytes(model, params, x, 1);
  const perForward = Math.max(forwardBytes(model, params, x, 2) - one, 4 * L);
  const fixedBytes = Math.max(0, one - perForward);
  const bytesPerImage = 2 * perForward + 16 * H * W * C + 4 * L;
  const images = Math.max(1, Math.floor((maxBytes - 2 * fixedBytes) / bytesPerImage));
  const featuresPerPass = Math.min(L, Math.max(1, Math.floor(images / B)));
  return { featuresPerPass, passes: Math.ceil(L / featuresPerPass), bytesPerImage, fixedBytes, maxBytes };
}
