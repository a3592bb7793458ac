/**
 * GC, gradient compression by magnitude pruning (Soteria, arXiv 2012.06043, §6.1 / Table 2
 * baseline; official `prune` defense): per gradient tensor, `thresh = np.percentile(|g|, p)` and
 * entries with |g| < thresh become 0 (strict `<`, computed in float64 against the float32 values).
 *
 * Ties: entries equal to the threshold are kept, so fewer than ⌊p·n/100⌋ entries are zeroed when
 * the threshold lands on a tied magnitude (e.g. many exact zeros, or every |g| equal). With
 * distinct magnitudes and p < 100 at least ⌊p·n/100⌋ entries are zeroed. p = 0 is the identity.
 */
import { cloneParams, mapParams, tf, toFloat64 } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { checkPercent } from './checkPercent.js';
import { numpyPercentile } from './numpyPercentile.js';
import type { Defense, DefenseConfig, DefenseResult } from './types.js';

/** Zero the entries of `g` with |g| < np.percentile(|g|, p). Caller owns returned tensors. */
export function pruneTensor(g: tf.Tensor, percent: number): { pruned: tf.Tensor; zeroed: number } {
  const mags = toFloat64(g).map(Math.abs);
  const threshold = numpyPercentile(mags, percent);
  const keep = new Uint8Array(mags.length);
  let zeroed = 0;
  mags.forEach((m, i) => {
    keep[i] = m < threshold ? 0 : 1;
    zeroed += 1 - keep[i];
  });
  const pruned = tf.tidy(() => tf.where(tf.tensor(keep, g.shape, 'bool'), g, tf.zerosLike(g)));
  return { pruned, zeroed };
}

function applyPruning(percent: number, grads: ParamMap): DefenseResult {
  if (percent === 0) return { grads: cloneParams(grads), stats: { percent, zeroedEntries: 0, totalEntries: 0 } };
  let zeroedEntries = 0;
  let totalEntries = 0;
  const out = mapParams(grads, (g) => {
    const { pruned, zeroed } = pruneTensor(g, percent);
    zeroedEntries += zeroed;
    totalEntries += g.size;
    return pruned;
  });
  return { grads: out, stats: { percent, zeroedEntries, totalEntries } };
}

/** The GC defense for a config. Soteria (arXiv 2012.06043), §6.1 baseline "GC". */
export function gradientPruning(cfg: Extract<DefenseConfig, { kind: 'gradientPruning' }>): Defense {
  const percent = checkPercent('gradientPruning.percent', cfg.percent);
  const description = `GC: per-tensor magnitude pruning, zero |g| < np.percentile(|g|, ${percent}) in every gradient tensor`;
  return { config: cfg, description, apply: (grads) => applyPruning(percent, grads) };
}
