/**
 * The "up to 160×" figure of Soteria (arXiv 2012.06043 §6.2, Fig. 5) computed as the paper
 * states it: the MSE Soteria reaches at no accuracy loss over the MSE each baseline reaches at
 * no accuracy loss. "No accuracy loss" = accuracy ≥ undefended accuracy − tolerance.
 */
import type { DefenseFamily } from './reportPlan.js';

/** One defense setting: its privacy (mean MSE) and utility (accuracy). */
export interface DefensePoint {
  readonly family: DefenseFamily;
  readonly value: number;
  readonly mse: number | null;
  readonly accuracy: number | null;
}

/** Soteria vs one baseline. */
export interface BaselineRatio {
  readonly baseline: DefenseFamily;
  /** Largest MSE of Soteria among its settings with no accuracy loss (and that setting). */
  readonly soteria: { readonly mse: number; readonly value: number } | null;
  readonly other: { readonly mse: number; readonly value: number } | null;
  /** soteria.mse / other.mse; null when either has no eligible setting. */
  readonly ratio: number | null;
}

/** All ratios and the "up to" figure (their maximum). */
export interface MseRatioResult {
  readonly perBaseline: readonly BaselineRatio[];
  readonly upTo: number | null;
  readonly threshold: number;
}

/** The eligible setting of `family` with the largest MSE. */
function bestEligible(points: readonly DefensePoint[], family: DefenseFamily, threshold: number): { mse: number; value: number } | null {
  let best: { mse: number; value: number } | null = null;
  for (const p of points) {
    if (p.family !== family || p.mse === null || p.accuracy === null || p.accuracy < threshold) continue;
    if (best === null || p.mse > best.mse) best = { mse: p.mse, value: p.value };
  }
  return best;
}

/**
 * Soteria's best no-loss MSE over each baseline's best no-loss MSE.
 * @param points - every defense setting with its mean MSE and accuracy.
 * @param undefendedAccuracy - accuracy without a defense.
 * @param tolerance - allowed absolute accuracy drop (e.g. 0.01 = one percentage point).
 * @returns per-baseline ratios and their maximum ("up to").
 */
export function mseRatio(points: readonly DefensePoint[], undefendedAccuracy: number, tolerance: number): MseRatioResult {
  const threshold = undefendedAccuracy - tolerance;
  const soteria = bestEligible(points, 'soteria', threshold);
  const perBaseline = (['gc', 'dpGaussian', 'dpLaplace'] as const).map((baseline): BaselineRatio => {
    const other = bestEligible(points, baseline, threshold);
    const ratio = soteria !== null && other !== null && other.mse > 0 ? soteria.mse / other.mse : null;
    return { baseline, soteria, other, ratio };
  });
  const ratios = perBaseline.map((b) => b.ratio).filter((r): r is number => r !== null);
  return { perBaseline, upTo: ratios.length === 0 ? null : Math.max(...ratios), threshold };
}
