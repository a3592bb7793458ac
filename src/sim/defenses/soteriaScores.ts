/**
 * Per-sample Soteria scores s_{b,i} (Soteria, arXiv 2012.06043, Alg. 1 score; PAPER.md §3):
 *
 * - 'notebook' (DLG notebook): ‖∂r_{b,i}/∂x_b‖₂ / r_{b,i}. A feature with r = 0 gives ±∞, or
 *   NaN (0/0) when its Jacobian row is 0 too — a dead ReLU unit. Kept as is: the official rule
 *   then sees a NaN percentile and prunes nothing (see percentileMask.ts).
 * - 'gsScript' (GS script): ‖∂r_{b,i}/∂x_b‖₂ / (r_{b,i} + 0.1); dead ReLU units score exactly 0.
 * - 'pinv': 1/(|r_{b,i}|·‖J_b⁺e_i‖₂), the whole-Jacobian pseudo-inverse (pinvScores.ts).
 *
 * Small scores mean "large r_i for little input sensitivity"; those features are pruned. The
 * official code works in float32 (torch); here r and the norms are float32 values and the
 * division and later batch sum are float64.
 */
import { tf, toFloat64 } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Model } from '../types.js';
import type { SoteriaScore } from './types.js';
import { jacobianRowNorms } from './jacobianRowNorms.js';
import type { JacobianPlan } from './planJacobianPasses.js';
import { pinvScores } from './pinvScores.js';

/** Scores and the values they came from, all indexed b·L + i. */
export interface FeatureScores {
  /** r_{b,i}. */
  readonly r: Float64Array;
  /** s_{b,i}. */
  readonly scores: Float64Array;
  /** The Jacobian chunking ('notebook' and 'gsScript'), absent for 'pinv'. */
  readonly plan?: JacobianPlan;
}

/**
 * Compute every per-sample score for the batch.
 * @param maxBytes - memory budget of one batched Jacobian pass. @default 64 MiB
 */
export function soteriaScores(model: Model, params: ParamMap, x: tf.Tensor4D, score: SoteriaScore, maxBytes?: number): FeatureScores {
  const rep = model.apply(params, x);
  const r = toFloat64(rep.representation);
  tf.dispose([rep.logits, rep.representation]);
  if (score === 'pinv') return { r, scores: pinvScores(model, params, x, r, maxBytes) };
  const { norms, plan } = jacobianRowNorms(model, params, x, { maxBytes });
  const offset = score === 'gsScript' ? 0.1 : 0;
  const scores = norms.map((n, j) => n / (r[j] + offset));
  return { r, scores, plan };
}
