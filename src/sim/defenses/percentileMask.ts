/**
 * Soteria's feature mask from per-feature scores (Soteria, arXiv 2012.06043, Alg. 1 as the
 * official code implements it; PAPER.md §7 on ties).
 *
 * - 'official': `thresh = np.percentile(s, p)` on the signed scores, then feature i is pruned iff
 *   `|s_i| < thresh` — the official `np.where(abs(s) < thresh, 0, 1)`, strict `<`. Features tied
 *   at the threshold are kept, so on ReLU nets (many scores exactly 0) nothing is pruned until p
 *   passes the tied share. A NaN score (the notebook's 0/0 on a dead ReLU feature) makes the
 *   threshold NaN, and then nothing is pruned, exactly as numpy + torch behave.
 * - 'exact': prune exactly k = ⌊p·L/100⌋ features, those with the smallest |s_i|; ties are
 *   broken by the lower feature index; NaN scores rank after every number (pruned last).
 */
import type { SoteriaRule } from './types.js';
import { numpyPercentile } from './numpyPercentile.js';

/** Which features a mask prunes. */
export interface FeatureMask {
  /** 1 where feature i is pruned (its gradient row zeroed), else 0; length L. */
  readonly pruned: Uint8Array;
  /** Number of pruned features. */
  readonly count: number;
  /** 'official': the numpy percentile; 'exact': the largest pruned |s| (−Infinity when k = 0). */
  readonly threshold: number;
}

/** ⌊p·L/100⌋, robust to the float rounding of p·L/100 (e.g. 29·100/100 stays 29). */
export function exactPruneCount(percent: number, size: number): number {
  const v = (percent * size) / 100;
  const nearest = Math.round(v);
  return Math.abs(v - nearest) < 1e-9 * Math.max(1, v) ? nearest : Math.floor(v);
}

function exactMask(scores: ArrayLike<number>, percent: number): FeatureMask {
  const n = scores.length;
  const key = (i: number): number => Math.abs(scores[i]);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const na = Number.isNaN(key(a)) ? 1 : 0;
    const nb = Number.isNaN(key(b)) ? 1 : 0;
    if (na !== nb) return na - nb;
    if (na === 0 && key(a) !== key(b)) return key(a) - key(b);
    return a - b;
  });
  const k = exactPruneCount(percent, n);
  const pruned = new Uint8Array(n);
  for (let j = 0; j < k; j++) pruned[order[j]] = 1;
  return { pruned, count: k, threshold: k === 0 ? -Infinity : key(order[k - 1]) };
}

function officialMask(scores: ArrayLike<number>, percent: number): FeatureMask {
  const threshold = numpyPercentile(scores, percent);
  const pruned = new Uint8Array(scores.length);
  let count = 0;
  for (let i = 0; i < scores.length; i++) {
    if (Math.abs(scores[i]) < threshold) {
      pruned[i] = 1;
      count++;
    }
  }
  return { pruned, count, threshold };
}

/**
 * The features to prune for one score vector.
 * @param scores - s_i for i < L (batch-summed, or one sample's).
 * @param percent - p in [0, 100].
 * @param rule - 'official' or 'exact' (see file header).
 */
export function percentileMask(scores: ArrayLike<number>, percent: number, rule: SoteriaRule): FeatureMask {
  if (scores.length === 0) throw new RangeError('percentileMask: scores must not be empty (got 0, expected L >= 1)');
  return rule === 'official' ? officialMask(scores, percent) : exactMask(scores, percent);
}
