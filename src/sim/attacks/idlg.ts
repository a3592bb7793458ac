/**
 * iDLG label inference (Zhao et al. 2020, "iDLG: Improved Deep Leakage from Gradients", §3).
 * With batch 1, one-hot cross entropy and last-layer input r, ∂L/∂W[:, j] = r·(p_j − y_j) in the
 * tfjs dense layout W [in, out]: the class is the COLUMN j. If r ≥ 0 and r ≠ 0, the column sum
 * Σ_i r_i·(p_j − y_j) is negative exactly at the true class, since p_y − 1 < 0 < p_j for j ≠ y.
 */
import { toFloat64 } from '../../tensor/index.js';
import { lastLayer } from './lastLayer.js';
import { validateAttackInput } from './validateAttackInput.js';
import type { AttackInput } from './types.js';

/** What iDLG concludes, and whether its assumptions hold (as far as the attacker can tell). */
export interface IdlgResult {
  /** The class whose weight-gradient column has the most negative sum. */
  readonly label: number;
  /** Column sums Σ_i ∂L/∂W[i, j], one per class. */
  readonly columnSums: readonly number[];
  /** Batch 1, declared non-negative features, and exactly one negative column sum. */
  readonly assumptionsHold: boolean;
  /** Why the assumptions hold or which one fails. */
  readonly reason: string;
}

/** iDLG options: what the attacker knows about the features feeding the last layer. */
export interface IdlgOptions {
  /**
   * Declared from the public architecture and input domain: true for sigmoid/ReLU features
   * (lenetDlg, mlp3 relu) and for logReg on [0, 1] pixels; false for signed features. @default false
   */
  readonly nonNegativeFeatures?: boolean;
}

function columnSums(g: Float64Array, rows: number, cols: number): number[] {
  const s = new Array<number>(cols).fill(0);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) s[j] += g[i * cols + j];
  return s;
}

function verdict(batchSize: number, nonNegative: boolean, negatives: number): { ok: boolean; reason: string } {
  if (batchSize !== 1) return { ok: false, reason: `batch size ${batchSize} (iDLG needs 1)` };
  if (!nonNegative) return { ok: false, reason: 'features feeding the last layer not declared non-negative' };
  if (negatives !== 1) return { ok: false, reason: `${negatives} negative column sums (expected exactly 1; all-zero features?)` };
  return { ok: true, reason: 'batch 1, one-hot CE, non-negative features, exactly one negative column sum' };
}

/**
 * Infer the label of a batch-1 update from the last layer's weight gradient. Zhao et al. 2020.
 * @returns `{ label, columnSums, assumptionsHold, reason }` (plain data).
 */
export function idlg(input: AttackInput, options: IdlgOptions = {}): IdlgResult {
  const layer = lastLayer(input.model);
  const name = `${layer}.weight`;
  validateAttackInput('idlg', input, [name]);
  const g = input.shared.grads[name];
  const [rows, cols] = g.shape as [number, number];
  const sums = columnSums(toFloat64(g), rows, cols);
  let label = 0;
  sums.forEach((s, j) => { if (s < sums[label]) label = j; });
  const v = verdict(input.knowledge.batchSize, options.nonNegativeFeatures ?? false, sums.filter((s) => s < 0).length);
  return { label, columnSums: sums, assumptionsHold: v.ok, reason: v.reason };
}
