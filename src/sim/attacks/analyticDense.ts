/**
 * Analytic input recovery for a dense layer with bias (Phong et al. 2017; Geiping et al. 2020
 * §3): for y = xW + b and batch 1, ∂L/∂W = xᵀ·∂L/∂y and ∂L/∂b = ∂L/∂y, so for any column j with
 * ∂L/∂b[j] ≠ 0, x = ∂L/∂W[:, j] / ∂L/∂b[j] exactly (tfjs layout W [in, out]). With a batch > 1 the
 * result is a gradient-weighted mix of the inputs, not one of them.
 */
import { toFloat64 } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { InputError } from '../../errors.js';

/** The recovered layer input and the column it came from. */
export interface AnalyticDenseResult {
  /** The layer input x (length `in`), float64. */
  readonly input: Float64Array;
  /** Column j used: the one with the largest |∂L/∂b[j]|. */
  readonly column: number;
  /** ∂L/∂b[j] at that column. */
  readonly biasGrad: number;
}

/**
 * Recover the input of dense layer `layer` from its shared gradients (batch 1).
 * @param grads - shared gradients containing `${layer}.weight` [in, out] and `${layer}.bias` [out].
 * @throws InputError when the tensors are missing or mis-shaped; RangeError when ∂L/∂b = 0.
 */
export function analyticDense(grads: ParamMap, layer: string): AnalyticDenseResult {
  const w = grads[`${layer}.weight`];
  const b = grads[`${layer}.bias`];
  if (w === undefined || b === undefined || w.rank !== 2 || b.rank !== 1 || w.shape[1] !== b.shape[0]) {
    const got = [w, b].map((t) => (t === undefined ? 'missing' : `[${t.shape.join(', ')}]`)).join(' and ');
    throw new InputError(`analyticDense: '${layer}' needs weight [in, out] and bias [out] gradients (got ${got})`);
  }
  const [rows, cols] = w.shape as [number, number];
  const gb = toFloat64(b);
  let column = 0;
  for (let j = 1; j < cols; j++) if (Math.abs(gb[j]) > Math.abs(gb[column])) column = j;
  const biasGrad = gb[column];
  if (biasGrad === 0) throw new RangeError(`analyticDense: every bias gradient of '${layer}' is 0 (got 0, expected one ≠ 0)`);
  const gw = toFloat64(w);
  const input = new Float64Array(rows);
  for (let i = 0; i < rows; i++) input[i] = gw[i * cols + column] / biasGrad;
  return { input, column, biasGrad };
}
