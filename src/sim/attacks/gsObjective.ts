/**
 * The inverting-gradients objective (Geiping et al. 2020, GS, eq. (4)) with the cost `'sim'` as
 * the code (`inversefed.reconstruction_algorithms.reconstruction_costs`) computes it:
 *
 *   C(x) = 1 − Σ_θ ⟨g_θ, t_θ⟩ / ( √(Σ_θ ‖g_θ‖²) · √(Σ_θ ‖t_θ‖²) ) + λ_TV · TV(x)
 *
 * with g = ∇_θ CE(f_θ(x), y) for the known labels y, t the shared (target) gradients, and θ over
 * the selected tensors. The code sums the dot products and the squared norms over ALL selected
 * tensors before dividing (one cosine of the concatenated gradient), not a sum of per-tensor
 * cosines ('simlocal'). A positive rescaling of t leaves C unchanged.
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Model } from '../types.js';
import { parameterGradients } from './dlgObjective.js';
import { totalVariation } from './totalVariation.js';

/**
 * 1 − cos(g, t) of the concatenated tensors `names` (the code's `'sim'` cost, without TV).
 * @returns A scalar, differentiable in g. Caller owns returned tensors.
 */
export function gradientSimilarityCost(g: ParamMap, t: ParamMap, names: readonly string[]): tf.Scalar {
  return tf.tidy(() => {
    const dot = tf.addN(names.map((n) => tf.sum(tf.mul(g[n], t[n]))));
    const gg = tf.addN(names.map((n) => tf.sum(tf.square(g[n]))));
    const tt = tf.addN(names.map((n) => tf.sum(tf.square(t[n]))));
    return tf.sub(1, tf.div(tf.div(dot, tf.sqrt(gg)), tf.sqrt(tt))) as tf.Scalar;
  });
}

/**
 * The 'sim' cost of the dummy x with one-hot labels `oneHot` ([B, K]), without TV.
 * @returns A scalar, differentiable in x (double backprop). Caller owns returned tensors.
 */
export function gsSimilarity(
  model: Model, params: ParamMap, targets: ParamMap, names: readonly string[], x: tf.Tensor4D, oneHot: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => gradientSimilarityCost(parameterGradients(model, params, x, oneHot, names), targets, names));
}

/**
 * The full GS objective C(x) = sim(x) + λ_TV · TV(x).
 * @returns A scalar, differentiable in x. Caller owns returned tensors.
 */
export function gsObjective(
  model: Model, params: ParamMap, targets: ParamMap, names: readonly string[], x: tf.Tensor4D, oneHot: tf.Tensor2D, tvWeight: number,
): tf.Scalar {
  return tf.tidy(() => tf.add(gsSimilarity(model, params, targets, names, x, oneHot), tf.mul(tvWeight, totalVariation(x))) as tf.Scalar);
}
