/**
 * Shared checks for the model unit tests (imported only by `*.test.ts`): the DLG-style
 * gradient-norm objective D(x) = Σ_θ ‖∇_θ CE(f(x), y)‖² over the trainable parameters, its input
 * gradient by double backprop, and a float32 directional finite-difference check of it.
 */
import { tf, makeRng, toScalar, TOL } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { hardCrossEntropy } from '../../tensor/losses.js';
import { randomNormalTensor } from '../../tensor/randomTensor.js';
import type { Model } from '../types.js';
import { trainableParamNames } from './trainableParamNames.js';

/** Tolerance of the best-step float32 directional check (justified in tensor/tolerances.ts). */
export const FD32_BEST_STEP_TOL = TOL.fd32BestStep;

/** Steps tried, most reliable first; the check stops at the first one within tolerance. */
const FD_STEPS = [3e-3, 1e-3, 1e-2, 3e-2, 1e-1];

/** Value of a scalar-valued tensor computation, disposing everything it made. */
function scalarOf(fn: () => tf.Tensor): number {
  const t = tf.tidy(fn);
  try {
    return toScalar(t);
  } finally {
    t.dispose();
  }
}

/** D(x) = Σ_θ ‖∇_θ CE(f(x), y)‖² over trainable θ. Caller owns returned tensors. */
export function gradNormSq(model: Model, params: ParamMap, x: tf.Tensor4D, y: tf.Tensor1D): tf.Scalar {
  const names = trainableParamNames(model);
  return tf.tidy(() => {
    const gs = tf.grads((...ps: tf.Tensor[]) => {
      const p: Record<string, tf.Tensor> = { ...params };
      names.forEach((n, i) => { p[n] = ps[i]; });
      return hardCrossEntropy(model.apply(p, x).logits, y);
    })(names.map((n) => params[n]));
    return tf.addN(gs.map((g) => tf.sum(tf.square(g)))) as tf.Scalar;
  });
}

/** ∇_x D(x) by double backprop. Caller owns returned tensors. */
export function gradNormSqInputGrad(model: Model, params: ParamMap, x: tf.Tensor4D, y: tf.Tensor1D): tf.Tensor4D {
  return tf.grad((xi: tf.Tensor) => gradNormSq(model, params, xi as tf.Tensor4D, y))(x) as tf.Tensor4D;
}

/** Best normalised error of central differences of D along `v`, over FD_STEPS. */
export function directionalFdError(model: Model, params: ParamMap, x: tf.Tensor4D, y: tf.Tensor1D, g: tf.Tensor4D, v: tf.Tensor4D): number {
  const dir = scalarOf(() => tf.sum(tf.mul(g, v)));
  const norms = scalarOf(() => tf.mul(tf.norm(g), tf.norm(v)));
  let best = Infinity;
  for (const h of FD_STEPS) {
    const d = (s: number): number => scalarOf(() => gradNormSq(model, params, tf.add(x, tf.mul(v, s)) as tf.Tensor4D, y));
    const fd = (d(h) - d(-h)) / (2 * h);
    best = Math.min(best, Math.abs(fd - dir) / norms);
    if (best < FD32_BEST_STEP_TOL) break;
  }
  return best;
}

/** Result of `checkDoubleBackprop` (plain numbers). */
export interface DoubleBackpropCheck {
  readonly d: number;
  readonly gradNorm: number;
  readonly allFinite: boolean;
  /** Best FD error along g/‖g‖ and along a seeded random unit direction. */
  readonly fdAlongGrad: number;
  readonly fdRandom: number;
}

/**
 * Runs the whole check on a seeded N(0, 1) input with label 3 (batch `batch`), disposing
 * everything it creates.
 */
export function checkDoubleBackprop(model: Model, params: ParamMap, seed: number, batch = 1): DoubleBackpropCheck {
  const x = randomNormalTensor(makeRng(seed, 'test', 'x'), [batch, ...model.inputShape]) as tf.Tensor4D;
  const y = tf.fill([batch], 3, 'int32') as tf.Tensor1D;
  const g = gradNormSqInputGrad(model, params, x, y);
  const r = tf.tidy(() => { const t = randomNormalTensor(makeRng(seed, 'test', 'v'), x.shape); return tf.div(t, tf.norm(t)) as tf.Tensor4D; });
  const gHat = tf.tidy(() => tf.div(g, tf.norm(g)) as tf.Tensor4D);
  try {
    return {
      d: scalarOf(() => gradNormSq(model, params, x, y)),
      gradNorm: scalarOf(() => tf.norm(g)),
      allFinite: scalarOf(() => tf.all(tf.isFinite(g)).cast('float32')) === 1,
      fdAlongGrad: directionalFdError(model, params, x, y, g, gHat),
      fdRandom: directionalFdError(model, params, x, y, g, r),
    };
  } finally {
    tf.dispose([x, y, g, r, gHat]);
  }
}
