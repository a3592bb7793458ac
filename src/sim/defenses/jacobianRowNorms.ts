/**
 * ‖∂r_{b,i}/∂x_b‖₂ for every sample b and feature i, by batched passes (`jacobianRows`),
 * chunked over features by `planJacobianPasses`. Soteria (arXiv 2012.06043) official code's
 * `torch.norm(deviation_f1_x.view(B, -1), dim=1)`, without its one-pass-per-feature loop.
 */
import { tf, toFloat64 } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Model } from '../types.js';
import { jacobianRows } from './jacobianRows.js';
import { planJacobianPasses } from './planJacobianPasses.js';
import type { JacobianPlan } from './planJacobianPasses.js';

/** Options of `jacobianRowNorms`. */
export interface JacobianOptions {
  /** Memory budget of one batched pass in bytes. @default 64 MiB */
  readonly maxBytes?: number;
  /** Features per pass; overrides the plan computed from `maxBytes`. @default planned */
  readonly featuresPerPass?: number;
}

/**
 * Per-(sample, feature) Jacobian row norms.
 * @param x - the batch [B, H, W, C].
 * @returns { norms, plan }: norms is a Float64Array of length B·L, entry b·L + i =
 *   ‖∂r_{b,i}/∂x_b‖₂ (float32 arithmetic, float64 storage); plan is the chunking used.
 */
export function jacobianRowNorms(model: Model, params: ParamMap, x: tf.Tensor4D, options: JacobianOptions = {}): { norms: Float64Array; plan: JacobianPlan } {
  const B = x.shape[0];
  const L = model.representationSize;
  const planned = planJacobianPasses(model, params, x, options.maxBytes);
  const per = options.featuresPerPass ?? planned.featuresPerPass;
  if (!(Number.isInteger(per) && per >= 1)) throw new RangeError(`jacobianRowNorms: featuresPerPass must be a positive integer (got ${per})`);
  const plan = { ...planned, featuresPerPass: Math.min(per, L), passes: Math.ceil(L / Math.min(per, L)) };
  const norms = new Float64Array(B * L);
  for (let first = 0; first < L; first += plan.featuresPerPass) {
    const count = Math.min(plan.featuresPerPass, L - first);
    const t = tf.tidy(() => tf.sqrt(tf.sum(tf.square(jacobianRows(model, params, x, first, count)), 2)));
    const v = toFloat64(t); // [count, B]
    t.dispose();
    for (let l = 0; l < count; l++) for (let b = 0; b < B; b++) norms[b * L + first + l] = v[l * B + b];
  }
  return { norms, plan };
}
