/**
 * The total-variation prior of inverting gradients (Geiping et al. 2020, §4; the code's
 * `inversefed.metrics.total_variation`, "anisotropic TV"), for NHWC batches:
 *
 *   TV(x) = mean |x[:, :, j+1, :] − x[:, :, j, :]| + mean |x[:, i+1, :, :] − x[:, i, :, :]|
 *
 * each a MEAN over all its differences (batch, rows, columns, channels), not a sum.
 */
import { tf } from '../../tensor/index.js';

// |d| written as d·sign(d): the same value, and the gradient sign(d) with 0 at d = 0, as
// PyTorch's abs; tfjs's own Abs gradient is −1 at 0, which matters for box-clamped neighbours.
function absTorch(d: tf.Tensor): tf.Tensor {
  return tf.mul(d, tf.sign(d));
}

/**
 * TV(x) as a differentiable scalar (first order; usable inside a closure's tf.valueAndGrads).
 * @param x - [B, H, W, C] with H, W ≥ 2.
 * @returns The anisotropic TV of the whole batch. Caller owns returned tensors.
 */
export function totalVariation(x: tf.Tensor4D): tf.Scalar {
  const [b, h, w, c] = x.shape;
  if (x.rank !== 4 || h < 2 || w < 2) {
    throw new RangeError(`totalVariation: x must be [B, H, W, C] with H, W ≥ 2 (got [${x.shape.join(', ')}])`);
  }
  return tf.tidy(() => {
    const dx = tf.sub(tf.slice(x, [0, 0, 1, 0], [b, h, w - 1, c]), tf.slice(x, [0, 0, 0, 0], [b, h, w - 1, c]));
    const dy = tf.sub(tf.slice(x, [0, 1, 0, 0], [b, h - 1, w, c]), tf.slice(x, [0, 0, 0, 0], [b, h - 1, w, c]));
    return tf.add(tf.mean(absTorch(dx)), tf.mean(absTorch(dy))) as tf.Scalar;
  });
}
