/**
 * The gradient of one sample's loss, ∇_θ CE(f_θ(x_b), y_b), for the named parameters — what
 * per-sample defenses (Soteria's Algorithm 2 granularity, DP per-sample clipping) need.
 * The loss is cross entropy with the one-hot label (as `hardCrossEntropy`, which local training
 * differentiates); the batch gradient
 * that defenses receive is the mean of these over the batch.
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Model } from '../types.js';
import { parameterGradients } from '../attacks/dlgObjective.js';

/**
 * Per-sample gradient.
 * @param x - the batch [B, H, W, C].
 * @param y - int32 labels [B].
 * @param b - which sample (0 ≤ b < B).
 * @param names - parameters to differentiate (trainable ones).
 * @returns Gradients keyed by name. Caller owns returned tensors.
 */
export function sampleGradients(model: Model, params: ParamMap, x: tf.Tensor4D, y: tf.Tensor1D, b: number, names: readonly string[]): ParamMap {
  const [, H, W, C] = x.shape;
  return tf.tidy(() => {
    const xb = tf.slice(x, [b, 0, 0, 0], [1, H, W, C]) as tf.Tensor4D;
    const yb = tf.oneHot(tf.slice(y, [b], [1]) as tf.Tensor1D, model.numClasses).toFloat() as tf.Tensor2D;
    return parameterGradients(model, params, xb, yb, names);
  }) as unknown as ParamMap;
}
