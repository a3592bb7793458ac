/**
 * L2 clipping of a whole gradient map: g ← g·min(1, C/‖g‖₂), ‖g‖₂ over every tensor together
 * (Abadi et al. 2016, DP-SGD, Alg. 1 "clip gradient"). The scale is computed in float64.
 */
import { mapParams, tf, toScalar } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';

/** ‖g‖₂ over all tensors of the map (float32 sum of squares, float64 sqrt). */
export function globalNorm(grads: ParamMap): number {
  const t = tf.tidy(() => tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
  const sq = toScalar(t);
  t.dispose();
  return Math.sqrt(sq);
}

/**
 * Clip the map's global L2 norm to `norm`.
 * @param norm - C > 0.
 * @returns { grads, normBefore, scale }; grads is a new map even when scale = 1. Caller owns
 *   returned tensors.
 */
export function clipByGlobalNorm(grads: ParamMap, norm: number): { grads: ParamMap; normBefore: number; scale: number } {
  const normBefore = globalNorm(grads);
  const scale = normBefore > norm ? norm / normBefore : 1;
  const out = mapParams(grads, (g) => (scale === 1 ? g.clone() : tf.mul(g, scale)));
  return { grads: out, normBefore, scale };
}
