/**
 * Gradient matching by hand-derived double backprop on a sequential conv/dense/sigmoid model
 * (the DLG LeNet, Zhu et al. 2019): for an objective O(g) of the parameter gradients
 * g = ∇_θ CE(f_θ(x), y), it returns O and the vector-Jacobian products ∂O/∂x and ∂O/∂y without
 * any gradient tape. Four passes, all explicit tfjs ops:
 *
 *  1. forward: a_0 = x, a_{i+1} = layer_i(a_i), logits a_L, p = softmax(a_L);
 *  2. backward: e_L = (p − y)/B, e_i = J_iᵀ e_{i+1}, g_θ from (a_i, e_{i+1});
 *  3. adjoint of the backward pass (bottom up): ē_{i+1} = J_i ē_i + ∂g_i/∂e_{i+1}·ḡ_i, and the
 *     second-order terms that land on the activations (∂⟨ḡ, g⟩/∂a_i through the weight
 *     gradients, and e ⊙ ē ⊙ σ'' through each sigmoid);
 *  4. backprop of everything that landed on the activations down to x.
 *
 * The labels y must be distributions (rows summing to 1, e.g. one-hot or softmax(z)): e_L
 * drops the factor Σ_c y_c. ∂O/∂y is then exact up to a per-row constant, which a softmax
 * (DLG's dummy label) annihilates. The tape path (dlgObjective.ts) is the reference; property
 * tests check this one against it.
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { SequentialLayer } from '../models/sequentialLayers.js';
import { affineInputVjp, affineJvp } from './linearLayerOps.js';
import { isAffine, recordBackward, recordForward } from './sequentialPasses.js';
import { sigmoidAdjoint, sigmoidBackward } from '../../tensor/fusedSigmoid.js';
import type { SequentialRecord } from './sequentialPasses.js';

/** The objective's value and its gradient ḡ = ∂O/∂g (keyed like g) at the given gradients. */
export type GradientObjective = (g: ParamMap) => { readonly value: tf.Scalar; readonly adjoint: ParamMap };

/** O, ∂O/∂x and ∂O/∂y. */
export interface GradientMatchingResult {
  readonly value: tf.Scalar;
  readonly gradX: tf.Tensor4D;
  readonly gradLabels: tf.Tensor2D;
}

const addTo = (slot: (tf.Tensor | undefined)[], i: number, t: tf.Tensor): void => {
  const prev = slot[i];
  slot[i] = prev === undefined ? t : tf.add(prev, t);
};

/** Pass 3: ē bottom up; returns ē_L and fills `actBar` with the second-order terms. */
function adjointPass(rec: SequentialRecord, errs: tf.Tensor[], gBar: ParamMap, actBar: (tf.Tensor | undefined)[]): tf.Tensor {
  const { layers, params, acts, shapes } = rec;
  let eb: tf.Tensor | undefined;
  for (let i = rec.lo; i < layers.length; i++) {
    const l = layers[i];
    if (isAffine(l)) {
      const wBar = gBar[`${l.name}.weight`];
      if (wBar !== undefined) addTo(actBar, i, affineInputVjp(l, wBar, errs[i + 1], shapes[i], rec.flips, false));
      eb = affineJvp(l, params, acts[i] as tf.Tensor, eb, wBar, gBar[`${l.name}.bias`], shapes[i + 1]);
    } else if (l.kind === 'sigmoid') {
      const [pushed, secondOrder] = sigmoidAdjoint(eb as tf.Tensor, errs[i + 1], acts[i + 1] as tf.Tensor);
      eb = pushed;
      addTo(actBar, i, secondOrder); // e ⊙ ē ⊙ σ'(1 − 2σ)
    } else {
      eb = tf.reshape(eb as tf.Tensor, shapes[i + 1]);
    }
  }
  return eb as tf.Tensor;
}

/** Pass 4: backprop what landed on the activations down to x. */
function inputPass(rec: SequentialRecord, actBar: (tf.Tensor | undefined)[]): tf.Tensor {
  const { layers, params, shapes } = rec;
  let v = actBar[layers.length] as tf.Tensor;
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i];
    const extra = actBar[i];
    if (l.kind === 'sigmoid') {
      v = sigmoidBackward(v, rec.acts[i + 1] as tf.Tensor, extra);
      continue;
    }
    v = isAffine(l) ? affineInputVjp(l, params[`${l.name}.weight`], v, shapes[i], rec.flips, true) : tf.reshape(v, shapes[i]);
    if (extra !== undefined) v = tf.add(v, extra);
  }
  return v;
}

/**
 * O(∇_θ CE) and its gradients w.r.t. x and the labels, by hand-derived double backprop (see the
 * file header).
 * @param layers - the model's declared layers (`sequentialLayersOf`).
 * @param names - the selected parameters (conv/dense weights and biases of `layers`).
 * @param labels - [B, K] label distributions.
 * @returns Caller owns returned tensors.
 */
export function sequentialGradientMatching(
  layers: readonly SequentialLayer[], params: ParamMap, x: tf.Tensor4D, labels: tf.Tensor2D, names: readonly string[], objective: GradientObjective,
): GradientMatchingResult {
  return tf.tidy(() => {
    const rec = recordForward(layers, params, x, names);
    const batch = x.shape[0];
    const p = tf.softmax(rec.acts[layers.length] as tf.Tensor2D);
    const { errs, grads } = recordBackward(rec, tf.mul(tf.sub(p, labels), 1 / batch), names);
    const { value, adjoint } = objective(grads);
    const actBar: (tf.Tensor | undefined)[] = [];
    const pBar = tf.mul(adjointPass(rec, errs, adjoint, actBar), 1 / batch);
    addTo(actBar, layers.length, tf.mul(p, tf.sub(pBar, tf.sum(tf.mul(pBar, p), -1, true))));
    const gradX = inputPass(rec, actBar) as tf.Tensor4D;
    return { value, gradX, gradLabels: tf.neg(pBar) as tf.Tensor2D };
  });
}
