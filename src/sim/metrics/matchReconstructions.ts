/**
 * One-to-one matching of reconstructions to ground-truth images before scoring a batch > 1
 * (LeakPro PR #376 style Hungarian matching), instead of plato's min over all pairs, which can
 * score one good reconstruction against several truths.
 */
import { hungarian } from './hungarian.js';
import { mse } from './mse.js';
import { ssim } from './ssim.js';
import type { ImageBatch, MetricSpace } from './types.js';
import { imageAt, meanOf, validateDataRange, validateImageBatch } from './validateImages.js';

/** Metric used to build the cost matrix: MSE (minimised) or SSIM (cost 1 − SSIM). */
export type MatchMetric = 'mse' | 'ssim';

/** Options of `matchReconstructions`. */
export interface MatchOptions {
  /** The space both batches are in; carried into the result. */
  readonly space: MetricSpace;
  /** Pairing metric. @default 'mse' */
  readonly metric?: MatchMetric;
  /** Data range for SSIM. @default 1 */
  readonly dataRange?: number;
}

/** One matched pair and its score (MSE, or SSIM, per `metric`). */
export interface MatchedPair {
  readonly recon: number;
  readonly truth: number;
  readonly score: number;
}

/** Result of `matchReconstructions`. */
export interface MatchResult {
  readonly metric: MatchMetric;
  readonly space: MetricSpace;
  /** assignment[i] = truth index matched to reconstruction i (distinct). */
  readonly assignment: readonly number[];
  /** The matched pairs in reconstruction order. */
  readonly pairs: readonly MatchedPair[];
  /** Mean score over the matched pairs. */
  readonly meanScore: number;
}

function pairScore(r: ImageBatch, t: ImageBatch, o: Required<MatchOptions>): number {
  return o.metric === 'mse' ? mse(r, t, o.space).value : ssim(r, t, o).value;
}

/**
 * Match each reconstruction to a distinct ground-truth image so that the total MSE (or the total
 * 1 − SSIM) is minimal (Hungarian algorithm), and return the permutation and per-pair scores.
 * Uses ground truth: call it outside the attack.
 * @param recon - reconstructions [n, H, W, C].
 * @param truth - ground-truth images [m, H, W, C], n ≤ m.
 * @param options - `space`, `metric` (@default 'mse'), `dataRange` (@default 1).
 * @returns `{ metric, space, assignment, pairs, meanScore }`.
 */
export function matchReconstructions(recon: ImageBatch, truth: ImageBatch, options: MatchOptions): MatchResult {
  validateImageBatch('matchReconstructions', 'recon', recon);
  validateImageBatch('matchReconstructions', 'truth', truth);
  const o: Required<MatchOptions> = { metric: 'mse', dataRange: 1, ...options };
  validateDataRange('matchReconstructions', o.dataRange);
  const [n, ...img] = recon.shape;
  const [m, ...timg] = truth.shape;
  if (!img.every((d, k) => d === timg[k]) || n > m) {
    throw new RangeError(`matchReconstructions: incompatible batches (got recon [${recon.shape.join(', ')}] and truth [${truth.shape.join(', ')}], expected equal H, W, C and n ≤ m)`);
  }
  if (o.metric !== 'mse' && o.metric !== 'ssim') {
    throw new RangeError(`matchReconstructions: unknown metric (got '${String(o.metric)}', expected 'mse' or 'ssim')`);
  }
  const score = Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => pairScore(imageAt(recon, i), imageAt(truth, j), o)));
  const cost = o.metric === 'mse' ? score : score.map((row) => row.map((s) => 1 - s));
  const assignment = hungarian(cost);
  const pairs = assignment.map((j, i) => ({ recon: i, truth: j, score: score[i][j] }));
  return { metric: o.metric, space: o.space, assignment, pairs, meanScore: meanOf(pairs.map((q) => q.score)) };
}
