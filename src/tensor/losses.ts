/**
 * Losses written only with ops whose gradients are themselves on the tape, so that they can be
 * differentiated twice (DLG/GS differentiate ∇θ loss w.r.t. the input) and w.r.t. soft labels
 * (DLG/iDLG optimise a dummy label).
 *
 * Never use `tf.losses.softmaxCrossEntropy` or `tf.logSoftmax` in anything that is differentiated
 * twice or w.r.t. the labels: both are `customGrad` ops whose backward pass is not recorded on the
 * tape, which gives silently wrong second-order gradients and a wrong first-order label gradient
 * (`labels − softmax` instead of `−logSoftmax`).
 *
 * `tf.logSumExp` subtracts `tf.max` for stability; the `Max` gradient uses `Equal`, which stock
 * tfjs cannot differentiate. Double backprop through these losses therefore needs the comparison
 * gradient patch of `patches.ts` (installed by `initBackend`); first-order use works without it.
 */
import { tf } from './tf.js';
import type { ParamMap } from './paramMap.js';

/**
 * Soft-label cross entropy, `−mean_b Σ_c labels[b,c]·(logits[b,c] − logSumExp_c logits[b,·])`.
 * Equals PyTorch `CrossEntropyLoss` for one-hot labels and DLG's `cross_entropy_for_onehot` for
 * soft labels. Zhu et al. 2019 (DLG), eq. (2) loss.
 * @param logits - [batch, classes] unnormalised scores.
 * @param labels - [batch, classes] label distributions (one-hot, or softmax of dummy logits).
 * @returns Mean over the batch. Caller owns returned tensors.
 */
export function softCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor2D): tf.Scalar {
  if (logits.rank !== 2) throw new Error(`softCrossEntropy: logits must be rank 2 (got shape [${logits.shape.join(', ')}], expected [batch, classes])`);
  if (labels.shape.join('x') !== logits.shape.join('x')) {
    throw new Error(`softCrossEntropy: labels shape differs from logits (got [${labels.shape.join(', ')}], expected [${logits.shape.join(', ')}])`);
  }
  return tf.tidy(() => {
    const logProb = tf.sub(logits, tf.logSumExp(logits, -1, true));
    return tf.neg(tf.mean(tf.sum(tf.mul(labels, logProb), -1))) as tf.Scalar;
  });
}

/**
 * Cross entropy with integer class labels (one-hot + `softCrossEntropy`).
 * @param logits - [batch, classes] unnormalised scores.
 * @param labels - [batch] class indices in [0, classes).
 * @returns Mean over the batch. Caller owns returned tensors.
 */
export function hardCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  if (logits.rank !== 2) throw new Error(`hardCrossEntropy: logits must be rank 2 (got shape [${logits.shape.join(', ')}], expected [batch, classes])`);
  if (labels.rank !== 1 || labels.shape[0] !== logits.shape[0]) {
    throw new Error(`hardCrossEntropy: labels must be [batch] (got [${labels.shape.join(', ')}], expected [${logits.shape[0]}])`);
  }
  return tf.tidy(() => {
    const idx = labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32');
    const oneHot = tf.cast(tf.oneHot(idx, logits.shape[1]), 'float32') as tf.Tensor2D;
    return softCrossEntropy(logits, oneHot);
  });
}

/**
 * L2 regularisation `(λ/2)·Σ_{n ∈ names} ‖params[n]‖²`, so that adding it to a convex loss makes
 * it λ-strongly convex (μ = λ in Li et al. 2020, whose LR experiments use λ = 1e-4).
 * @param params - the parameters.
 * @param names - which parameters to penalise (e.g. weights only).
 * @param lambda - λ ≥ 0.
 * @returns A scalar. Caller owns returned tensors.
 */
export function l2Penalty(params: ParamMap, names: readonly string[], lambda: number): tf.Scalar {
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new RangeError(`l2Penalty: lambda must be finite and >= 0 (got ${lambda})`);
  for (const n of names) {
    if (!(n in params)) throw new Error(`l2Penalty: unknown parameter '${n}' (got '${n}', expected one of [${Object.keys(params).sort().join(', ')}])`);
  }
  return tf.tidy(() => {
    if (names.length === 0) return tf.scalar(0);
    const sq = names.map((n) => tf.sum(tf.square(params[n])));
    return tf.mul(tf.addN(sq), lambda / 2) as tf.Scalar;
  });
}
