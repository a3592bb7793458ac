/**
 * The full representation Jacobian J = ∂r/∂X of ONE sample, assembled from the batched passes of
 * `jacobianRows` chunked by `planJacobianPasses`: row-major L × D, J[i·D + k] = ∂r_i/∂X_k
 * (float32 values stored as float64). Shared by Soteria's `pinv` score and the theory bridge.
 */
import { toFloat64 } from '../../tensor/index.js';
import type { ParamMap, tf } from '../../tensor/index.js';
import type { Model } from '../types.js';
import { jacobianRows } from './jacobianRows.js';
import { planJacobianPasses } from './planJacobianPasses.js';
import type { JacobianPlan } from './planJacobianPasses.js';

/** J of one sample and the chunking used to compute it. */
export interface SampleJacobian {
  readonly J: Float64Array;
  readonly plan: JacobianPlan;
}

/**
 * J = ∂r/∂X at one input.
 * @param xb - one sample, shape [1, H, W, C] (not disposed).
 * @param maxBytes - memory budget of one batched pass. @default planJacobianPasses' default
 */
export function sampleJacobian(model: Model, params: ParamMap, xb: tf.Tensor4D, maxBytes?: number): SampleJacobian {
  const L = model.representationSize;
  const D = xb.size;
  const plan = planJacobianPasses(model, params, xb, maxBytes);
  const J = new Float64Array(L * D);
  for (let first = 0; first < L; first += plan.featuresPerPass) {
    const count = Math.min(plan.featuresPerPass, L - first);
    const rows = jacobianRows(model, params, xb, first, count); // [count, 1, D]
    J.set(toFloat64(rows), first * D);
    rows.dispose();
  }
  return { J, plan };
}
