/**
 * The simulator side of the theory bridge: r = f(X) and J = ∂r/∂X of a model's representation
 * for ONE input, read back from tfjs (float32) as float64 arrays for the theory layer.
 * J comes from the batched passes of `jacobianRows`, chunked by `planJacobianPasses`
 * (the same code as Soteria's defense scores), one row per feature: J[i·D + k] = ∂r_i/∂X_k.
 */
import { fromFloat64, tf, toFloat64 } from '../tensor/index.js';
import type { ParamMap } from '../tensor/index.js';
import { sampleJacobian } from '../sim/defenses/sampleJacobian.js';
import type { JacobianPlan } from '../sim/defenses/planJacobianPasses.js';
import type { Model } from '../sim/types.js';

/** r and J at one input, float32 values stored as float64. */
export interface RepresentationJacobian {
  /** r = f(X), length L. */
  readonly r: Float64Array;
  /** Row-major L × D Jacobian. */
  readonly J: Float64Array;
  readonly L: number;
  readonly D: number;
  /** The chunking of the batched passes. */
  readonly plan: JacobianPlan;
}

function inputTensor(model: Model, x: ArrayLike<number>): tf.Tensor4D {
  const [h, w, c] = model.inputShape;
  if (x.length !== h * w * c) throw new RangeError(`theoryBridge: input has ${x.length} values (expected H·W·C = ${h * w * c})`);
  return fromFloat64(x, [1, h, w, c]) as tf.Tensor4D;
}

/**
 * f(X) = the model's representation of one input, evaluated by tfjs in float32.
 * @param x - the input, flattened NHWC, length H·W·C (rounded to float32 on entry).
 * @returns r as a Float64Array of length L.
 */
export function representationAt(model: Model, params: ParamMap, x: ArrayLike<number>): Float64Array {
  const xt = inputTensor(model, x);
  const out = model.apply(params, xt);
  const r = toFloat64(out.representation);
  tf.dispose([xt, out.logits, out.representation]);
  return r;
}

/**
 * r and the full representation Jacobian at one input.
 * @param x - the input, flattened NHWC, length D = H·W·C.
 * @param maxBytes - memory budget of one batched pass. @default 64 MiB (planJacobianPasses)
 */
export function representationJacobian(model: Model, params: ParamMap, x: ArrayLike<number>, maxBytes?: number): RepresentationJacobian {
  const L = model.representationSize;
  const D = x.length;
  const r = representationAt(model, params, x);
  const xt = inputTensor(model, x);
  const { J, plan } = sampleJacobian(model, params, xt, maxBytes);
  xt.dispose();
  return { r, J, L, D, plan };
}
