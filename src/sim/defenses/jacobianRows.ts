/**
 * Rows of the representation Jacobian, ∂r_{b,i}/∂x_b, for a block of features in ONE backward
 * pass (Soteria, arXiv 2012.06043, §4; the official code needs one pass per feature).
 *
 * The batch is replicated `count` times: xr = [x; x; …] ([count·B, H, W, C]), and the scalar
 * Σ_{l<count, b<B} r(xr)[l·B + b, first + l] is differentiated w.r.t. xr. Because samples are
 * independent (no batch statistics in the forward pass), row l·B + b of the gradient is
 * ∂r_{b, first+l}/∂x_b. The selection is a one-hot mask, so no value is rescaled.
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Model } from '../types.js';

/**
 * Jacobian rows of features [first, first + count) for every sample of the batch.
 * @param model - the model; r = model.apply(params, x).representation, [B, L].
 * @param params - its parameters.
 * @param x - the batch [B, H, W, C].
 * @param first - first feature index (0 ≤ first < L).
 * @param count - number of features (first + count ≤ L).
 * @returns [count, B, D] with D = H·W·C: entry [l, b, :] = ∂r_{b, first+l}/∂x_b (flattened
 *   NHWC). Caller owns returned tensors.
 */
export function jacobianRows(model: Model, params: ParamMap, x: tf.Tensor4D, first: number, count: number): tf.Tensor3D {
  const L = model.representationSize;
  if (!(Number.isInteger(first) && Number.isInteger(count) && first >= 0 && count >= 1 && first + count <= L)) {
    throw new RangeError(`jacobianRows: feature block out of range (got first ${first}, count ${count}, expected 0 <= first, 1 <= count, first + count <= ${L})`);
  }
  const [B, H, W, C] = x.shape;
  return tf.tidy(() => {
    const xr = count === 1 ? x : (tf.tile(x, [count, 1, 1, 1]) as tf.Tensor4D);
    const featureOfRow = tf.reshape(tf.tile(tf.reshape(tf.range(first, first + count, 1, 'int32'), [count, 1]), [1, B]), [count * B]);
    const selector = tf.cast(tf.oneHot(featureOfRow as tf.Tensor1D, L), 'float32');
    const f = (xx: tf.Tensor): tf.Scalar => tf.sum(tf.mul(model.apply(params, xx as tf.Tensor4D).representation, selector));
    return tf.reshape(tf.grad(f)(xr), [count, B, H * W * C]) as tf.Tensor3D;
  });
}
