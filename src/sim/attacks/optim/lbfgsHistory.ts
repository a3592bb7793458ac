/**
 * L-BFGS curvature memory and the two-loop recursion (Nocedal & Wright 2006, Alg. 7.4), with
 * PyTorch's bookkeeping (torch/optim/lbfgs.py): pairs (y, s) stored only when yᵀs > 1e-10,
 * oldest dropped at `historySize`, initial inverse Hessian H₀ = (yᵀs / yᵀy)·I from the newest
 * stored pair. Symbols: s = t·d (step), y = g₊ − g (gradient change), ρ = 1/(yᵀs).
 */
import { dot } from './vec.js';

/** PyTorch's curvature threshold: a pair with yᵀs ≤ this is skipped. */
export const CURVATURE_THRESHOLD = 1e-10;

/** The curvature pairs, oldest first. */
export interface LbfgsHistory {
  readonly dirs: Float64Array[]; // y
  readonly stps: Float64Array[]; // s
  readonly ro: number[]; // 1 / yᵀs
  hDiag: number;
}

/** An empty history with H₀ = I. */
export function emptyHistory(): LbfgsHistory {
  return { dirs: [], stps: [], ro: [], hDiag: 1 };
}

/**
 * Store (y, s) if yᵀs > {@link CURVATURE_THRESHOLD}, dropping the oldest pair when full, and
 * rescale H₀. Mutates `h`.
 * @returns Whether the pair was stored.
 */
export function pushCurvaturePair(h: LbfgsHistory, y: Float64Array, s: Float64Array, historySize: number): boolean {
  const ys = dot(y, s);
  if (!(ys > CURVATURE_THRESHOLD)) return false;
  if (h.dirs.length === historySize) {
    h.dirs.shift();
    h.stps.shift();
    h.ro.shift();
  }
  h.dirs.push(y);
  h.stps.push(s);
  h.ro.push(1 / ys);
  h.hDiag = ys / dot(y, y);
  return true;
}

/**
 * The L-BFGS direction d = −H·g by the two-loop recursion (PyTorch's single-buffer form).
 * @returns A new array d.
 */
export function twoLoopDirection(h: LbfgsHistory, g: Float64Array): Float64Array {
  const n = h.dirs.length;
  const al = new Float64Array(n);
  const q = g.map((v) => -v);
  for (let i = n - 1; i >= 0; i--) {
    al[i] = dot(h.stps[i], q) * h.ro[i];
    const y = h.dirs[i];
    for (let j = 0; j < q.length; j++) q[j] += -al[i] * y[j];
  }
  const r = q.map((v) => v * h.hDiag);
  for (let i = 0; i < n; i++) {
    const be = dot(h.dirs[i], r) * h.ro[i];
    const s = h.stps[i];
    for (let j = 0; j < r.length; j++) r[j] += (al[i] - be) * s[j];
  }
  return r;
}
