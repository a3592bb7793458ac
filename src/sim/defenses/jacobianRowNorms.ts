/**
 * ‖∂r_{b,i}/∂x_b‖₂ for every sample b and feature i, by batched passes (`jacobianRows`),
 * chunked over features by `planJacobianPasses`. Soteria (arXiv 2012.06043) official code's
 * `torch.norm(deviation_f1_x.view(B, -1), dim=1)`, without its one-pass-per-feature loop.
 */
import { retainedVjp, tf, toFloat64 } from '../../tensor/index.js';
import type { RetainedVjp } from '../../tensor/index.js';
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
  const retained = retainForward(model, params, x, plan.featuresPerPass);
  try {
    for (let first = 0; first < L; first += plan.featuresPerPass) {
      const count = Math.min(plan.featuresPerPass, L - first);
      const t = tf.tidy(() => {
        const rows = retained === undefined
          ? jacobianRows(model, params, x, first, count)
          : tf.slice(tf.reshape(retained.vjp(selector(B, L, plan.featuresPerPass, first, count)), [plan.featuresPerPass, B, -1]), [0, 0, 0], [count, B, -1]);
        return tf.sqrt(tf.sum(tf.square(rows), 2));
      });
      const v = toFloat64(t); // [count, B]
      t.dispose();
      for (let l = 0; l < count; l++) for (let b = 0; b < B; b++) norms[b * L + first + l] = v[l * B + b];
    }
  } finally {
    retained?.dispose();
  }
  return { norms, plan };
}

/**
 * The forward pass of the replicated batch [x; …; x] (`per` copies), recorded once: it does not
 * depend on the features selected, so every pass only backpropagates its own selector (as
 * `jacobianRows` does, without re-running the forward). Undefined under an enclosing tape.
 */
function retainForward(model: Model, params: ParamMap, x: tf.Tensor4D, per: number): RetainedVjp | undefined {
  const xr = per === 1 ? x : (tf.tile(x, [per, 1, 1, 1]) as tf.Tensor4D);
  try {
    return retainedVjp((xx) => model.apply(params, xx as tf.Tensor4D).representation, xr);
  } finally {
    if (xr !== x) xr.dispose();
  }
}

/** [per·B, L] cotangent: row l·B + b is one-hot at feature first + l for l < count, zero after. */
function selector(B: number, L: number, per: number, first: number, count: number): tf.Tensor2D {
  const v = new Float32Array(per * B * L);
  for (let l = 0; l < count; l++) for (let b = 0; b < B; b++) v[(l * B + b) * L + first + l] = 1;
  return tf.tensor2d(v, [per * B, L]);
}
