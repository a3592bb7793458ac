/**
 * The DLG gradient-matching objective (Zhu et al. 2019, DLG, Alg. 1) and the parameter gradients
 * it differentiates through.
 *
 *   D(x, z) = Σ_θ ‖∇_θ CE(f_θ(x), softmax(z)) − T_θ‖²
 *
 * x is the dummy image [B, H, W, C], z the dummy label logits [B, K], T the shared (target)
 * gradients by parameter name. ∇_x D and ∇_z D need second-order gradients (double backprop),
 * which is why the tensor layer's patch set must be installed (initBackend does it).
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { softCrossEntropy } from '../../tensor/losses.js';
import type { Model } from '../types.js';
import { trainableParamNames } from '../models/trainableParamNames.js';

/**
 * ∇_θ CE(f_θ(x), labels) for the parameters `names` (default: the trainable ones), as a
 * differentiable function of x and the soft labels (so it can sit inside an outer gradient).
 * Caller owns returned tensors.
 */
export function parameterGradients(
  model: Model, params: ParamMap, x: tf.Tensor4D, labels: tf.Tensor2D, names: readonly string[] = trainableParamNames(model),
): ParamMap {
  const loss = (...ps: tf.Tensor[]): tf.Scalar => {
    const all: Record<string, tf.Tensor> = { ...params };
    names.forEach((n, i) => (all[n] = ps[i]));
    return softCrossEntropy(model.apply(all, x).logits, labels);
  };
  const grads = tf.grads(loss)(names.map((n) => params[n]));
  return Object.fromEntries(names.map((n, i) => [n, grads[i]]));
}

/** D(x, z) as a scalar tensor, differentiable in x and z. Caller owns returned tensors. */
export function dlgObjective(model: Model, params: ParamMap, targets: ParamMap, x: tf.Tensor4D, z: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const g = parameterGradients(model, params, x, tf.softmax(z));
    const terms = Object.keys(g).map((n) => {
      const t = targets[n];
      if (t === undefined) throw new Error(`dlgObjective: no target gradient for parameter '${n}'`);
      return tf.sum(tf.squaredDifference(g[n], t));
    });
    return tf.addN(terms) as tf.Scalar;
  });
}

/** Value and gradients of D w.r.t. the dummy image and dummy label logits. */
export interface DlgEvaluation {
  readonly value: tf.Scalar;
  readonly gradX: tf.Tensor4D;
  readonly gradZ: tf.Tensor2D;
}

/** One DLG closure evaluation: D, ∇_x D, ∇_z D. Caller owns returned tensors. */
export function dlgValueAndGrads(model: Model, params: ParamMap, targets: ParamMap, x: tf.Tensor4D, z: tf.Tensor2D): DlgEvaluation {
  const f = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => dlgObjective(model, params, targets, a as tf.Tensor4D, b as tf.Tensor2D);
  const { value, grads } = tf.valueAndGrads(f)([x, z]);
  return { value, gradX: grads[0] as tf.Tensor4D, gradZ: grads[1] as tf.Tensor2D };
}

/** Shared gradients of the true (image, one-hot label) pair: the attack's target T. Caller owns returned tensors. */
export function targetGradients(model: Model, params: ParamMap, x: tf.Tensor4D, labels: tf.Tensor1D): ParamMap {
  return tf.tidy(() => parameterGradients(model, params, x, tf.oneHot(labels, model.numClasses).toFloat() as tf.Tensor2D));
}
