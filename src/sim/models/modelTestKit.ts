/**
 * Shared checks for the model unit tests (imported only by `*.test.ts`): the DLG-style
 * gradient-norm objective D(x) = Σ_θ ‖∇_θ CE(f(x), y)‖² over the trainable parameters, its input
 * gradient by double backprop, and a float32 directional finite-difference check of it.
 */
import { expect } from 'vitest';
import { tf, makeRng, toScalar, TOL, paramsDigest, disposeParams, expectNoNewTensors } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { parameterGradients } from '../attacks/dlgObjective.js';
import { randomNormalTensor } from '../../tensor/randomTensor.js';
import type { Model } from '../types.js';

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
  return tf.tidy(() => {
    const gs = parameterGradients(model, params, x, tf.oneHot(y, model.numClasses).toFloat() as tf.Tensor2D);
    return tf.addN(Object.values(gs).map((g) => tf.sum(tf.square(g)))) as tf.Scalar;
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

/** Asserts the double-backprop check: finite, nonzero, and equal to float32 finite differences. */
export function expectDoubleBackpropMatchesFd(model: Model, params: ParamMap, seed: number, batch = 1): void {
  const res = expectNoNewTensors(() => checkDoubleBackprop(model, params, seed, batch));
  expect(res.allFinite).toBe(true);
  expect(res.gradNorm).toBeGreaterThan(0);
  expect(res.fdAlongGrad).toBeLessThan(FD32_BEST_STEP_TOL);
  expect(res.fdRandom).toBeLessThan(FD32_BEST_STEP_TOL);
}

/** Model laws: same seed gives bit-identical parameters, another seed different ones; apply leaks nothing. */
export function expectModelLaws(model: Model, batch = 1): void {
  const [a, b, c] = [model.init(7), model.init(7), model.init(8)];
  expect(paramsDigest(a)).toBe(paramsDigest(b));
  expect(paramsDigest(a)).not.toBe(paramsDigest(c));
  const x = randomNormalTensor(makeRng(3, 'test', 'laws'), [batch, ...model.inputShape]) as tf.Tensor4D;
  expectNoNewTensors(() => {
    const out = model.apply(a, x);
    tf.dispose([out.logits, out.representation]);
  });
  x.dispose();
  [a, b, c].forEach(disposeParams);
}
