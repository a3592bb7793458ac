/**
 * The whole-Jacobian Soteria score (theory-spec.md §1.2): Algorithm 1 of Soteria (arXiv
 * 2012.06043) prunes the LARGEST ‖r_i (∇_X f)^{-1}‖, read here with the pseudo-inverse of the full
 * L × D Jacobian J_b of one sample: a_{b,i} = |r_{b,i}|·‖J_b⁺ e_i‖₂. The official code prunes the
 * LOWEST ‖J_i‖/r_i = 1/‖r_i J_i⁺‖ (a per-row pseudo-inverse), so to share its "prune the lowest
 * score" rules this file returns s_{b,i} = 1/a_{b,i}. Since a ≥ |r_i|/‖J_i‖ (equality iff row i
 * is orthogonal to the others), s ≤ |notebook score|. A dead feature (r = 0, zero row) gets
 * s = 1/0 = +∞: never pruned before a live one under 'exact'.
 *
 * Needs every Jacobian row of every sample in float64 plus an O(min(L,D)³) eigendecomposition
 * per sample, so it is refused (InputError) for L·D > PINV_MAX_ENTRIES.
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { InputError } from '../../errors.js';
import type { Model } from '../types.js';
import { pinvColumnNorms } from './pinvColumnNorms.js';
import { sampleJacobian } from './sampleJacobian.js';

/** Largest L·D for which `pinv` runs (2e6: a 16 MB float64 Jacobian per sample). */
export const PINV_MAX_ENTRIES = 2_000_000;

/**
 * Per-sample pinv scores.
 * @param r - the representation values, b·L + i.
 * @returns Float64Array of length B·L, entry b·L + i = 1 / (|r_{b,i}|·‖J_b⁺e_i‖).
 */
export function pinvScores(model: Model, params: ParamMap, x: tf.Tensor4D, r: Float64Array, maxBytes?: number): Float64Array {
  const [B, H, W, C] = x.shape;
  const L = model.representationSize;
  const D = H * W * C;
  if (L * D > PINV_MAX_ENTRIES) {
    throw new InputError(`soteria: score 'pinv' is unaffordable for this representation (got L·D = ${L}·${D} = ${L * D}, expected at most ${PINV_MAX_ENTRIES}; use score 'notebook' or 'gsScript')`);
  }
  const out = new Float64Array(B * L);
  for (let b = 0; b < B; b++) {
    const xb = tf.slice(x, [b, 0, 0, 0], [1, H, W, C]) as tf.Tensor4D;
    const { J } = sampleJacobian(model, params, xb, maxBytes);
    xb.dispose();
    const norms = pinvColumnNorms(J, L, D);
    for (let i = 0; i < L; i++) out[b * L + i] = 1 / (Math.abs(r[b * L + i]) * norms[i]);
  }
  return out;
}
