/**
 * The official code's per-feature loop (Soteria, arXiv 2012.06043, `Defend_DLG.ipynb`): for every
 * feature i one backward pass of Σ_b r_{b,i} w.r.t. the batch X, whose row b is ∂r_{b,i}/∂x_b.
 * L passes; kept as the reference that `jacobianRowNorms` is tested against, and for timing.
 */
import { tf, toFloat64 } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Model } from '../types.js';

/**
 * Per-(sample, feature) Jacobian row norms, one backward pass per feature.
 * @param x - the batch [B, H, W, C].
 * @returns Float64Array of length B·L, entry b·L + i = ‖∂r_{b,i}/∂x_b‖₂.
 */
export function jacobianRowNormsLoop(model: Model, params: ParamMap, x: tf.Tensor4D): Float64Array {
  const [B, H, W, C] = x.shape;
  const L = model.representationSize;
  const norms = new Float64Array(B * L);
  for (let i = 0; i < L; i++) {
    const t = tf.tidy(() => {
      const f = (xx: tf.Tensor): tf.Scalar => tf.sum(tf.slice(model.apply(params, xx as tf.Tensor4D).representation, [0, i], [B, 1]));
      return tf.sqrt(tf.sum(tf.square(tf.reshape(tf.grad(f)(x), [B, H * W * C])), 1));
    });
    const v = toFloat64(t);
    t.dispose();
    for (let b = 0; b < B; b++) norms[b * L + i] = v[b];
  }
  return norms;
}
