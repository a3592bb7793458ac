/**
 * Soteria's Algorithm 2 granularity (Soteria, arXiv 2012.06043, Alg. 2): each sample's own mask
 * on its own gradient of the defended weight, then the batch mean:
 *
 *   G = (1/B)·Σ_b diag(keep_b)·∂CE_b/∂W,   ∂CE_b/∂W = r_bᵀ δ_b  ([L, out])
 *
 * When the defended layer is the model's last layer (its output is the logits: the last two
 * specs are its weight and bias, with numClasses outputs), δ_b = softmax(z_b) − onehot(y_b) and
 * the sum is one matmul (R ⊙ K)ᵀ Δ / B. Otherwise each sample's gradient comes from autodiff.
 * Either way the result is rebuilt from per-sample CE gradients, so it equals the mean batch
 * gradient only when training's loss is the plain mean CE (no regulariser in `grads`).
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Model } from '../types.js';
import { sampleGradients } from './sampleGradients.js';

/** True when `${layer}` is the model's final dense layer, producing the logits. */
export function isOutputLayer(model: Model, layer: string): boolean {
  const n = model.params.length;
  if (n < 2) return false;
  const w = model.params[n - 2];
  return w.name === `${layer}.weight` && model.params[n - 1].name === `${layer}.bias` && w.shape[1] === model.numClasses;
}

function viaLogits(model: Model, params: ParamMap, x: tf.Tensor4D, y: tf.Tensor1D, keep: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const out = model.apply(params, x);
    const delta = tf.sub(tf.softmax(out.logits), tf.cast(tf.oneHot(y, model.numClasses), 'float32'));
    return tf.div(tf.matMul(tf.mul(out.representation, keep), delta, true, false), x.shape[0]) as tf.Tensor2D;
  });
}

function viaAutodiff(model: Model, params: ParamMap, x: tf.Tensor4D, y: tf.Tensor1D, keep: tf.Tensor2D, layer: string): tf.Tensor2D {
  const B = x.shape[0];
  const L = model.representationSize;
  let acc = tf.zerosLike(params[`${layer}.weight`]) as tf.Tensor2D;
  for (let b = 0; b < B; b++) {
    const next = tf.tidy(() => {
      const g = sampleGradients(model, params, x, y, b, [`${layer}.weight`])[`${layer}.weight`];
      return tf.add(acc, tf.mul(g, tf.reshape(tf.slice(keep, [b, 0], [1, L]), [L, 1])));
    });
    acc.dispose();
    acc = next as tf.Tensor2D;
  }
  const mean = tf.div(acc, B) as tf.Tensor2D;
  acc.dispose();
  return mean;
}

/**
 * The per-sample-masked gradient of `${layer}.weight`.
 * @param keep - B·L flags (index b·L + i), 1 = keep feature i for sample b, 0 = prune.
 * @param method - 'auto' picks 'logits' for an output layer, else 'autodiff'. @default 'auto'
 * @returns [L, out]. Caller owns returned tensors.
 */
export function maskedSampleGradient(model: Model, params: ParamMap, x: tf.Tensor4D, y: tf.Tensor1D, layer: string, keep: ArrayLike<number>, method: 'auto' | 'logits' | 'autodiff' = 'auto'): tf.Tensor2D {
  const B = x.shape[0];
  const L = model.representationSize;
  if (keep.length !== B * L) throw new RangeError(`maskedSampleGradient: keep has ${keep.length} flags (expected B·L = ${B * L})`);
  const useLogits = method === 'logits' || (method === 'auto' && isOutputLayer(model, layer));
  const k = tf.tensor2d(Float32Array.from(keep), [B, L]);
  try {
    return useLogits ? viaLogits(model, params, x, y, k) : viaAutodiff(model, params, x, y, k, layer);
  } finally {
    k.dispose();
  }
}
