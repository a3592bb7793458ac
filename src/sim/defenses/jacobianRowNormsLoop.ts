/**
 * The official code's per-feature loop (Soteria, arXiv 2012.06043, `Defend_DLG.ipynb`): one
 * forward pass, then for every feature i one backward pass of Σ_b r_{b,i} w.r.t. the batch X
 * (`retain_graph=True`), whose row b is ∂r_{b,i}/∂x_b. L backward passes; kept as the reference
 * that `jacobianRowNorms` is tested against, and for timing. Under an enclosing gradient tape
 * (where the forward pass cannot be retained) every feature runs its own `tf.grad`.
 */
import { retainedVjp, tf, toFloat64 } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Model } from '../types.js';

/** ‖row b‖ of a [B, …] gradient, as float64. */
function rowNorms(g: tf.Tensor, B: number): Float64Array {
  const t = tf.tidy(() => tf.sqrt(tf.sum(tf.square(tf.reshape(g, [B, -1])), 1)));
  const v = toFloat64(t);
  t.dispose();
  return v;
}

/** One-hot cotangent [B, L] selecting feature i of every sample. */
function featureCotangent(B: number, L: number, i: number): tf.Tensor2D {
  const v = new Float32Array(B * L);
  for (let b = 0; b < B; b++) v[b * L + i] = 1;
  return tf.tensor2d(v, [B, L]);
}

/**
 * Per-(sample, feature) Jacobian row norms, one backward pass per feature.
 * @param x - the batch [B, H, W, C].
 * @returns Float64Array of length B·L, entry b·L + i = ‖∂r_{b,i}/∂x_b‖₂.
 */
export function jacobianRowNormsLoop(model: Model, params: ParamMap, x: tf.Tensor4D): Float64Array {
  const B = x.shape[0];
  const L = model.representationSize;
  const norms = new Float64Array(B * L);
  const retained = retainedVjp((xx) => model.apply(params, xx as tf.Tensor4D).representation, x);
  try {
    for (let i = 0; i < L; i++) {
      const g = retained !== undefined
        ? tf.tidy(() => retained.vjp(featureCotangent(B, L, i)))
        : tf.tidy(() => tf.grad((xx: tf.Tensor) => tf.sum(tf.slice(model.apply(params, xx as tf.Tensor4D).representation, [0, i], [B, 1])))(x));
      const v = rowNorms(g, B);
      g.dispose();
      for (let b = 0; b < B; b++) norms[b * L + i] = v[b];
    }
  } finally {
    retained?.dispose();
  }
  return norms;
}
