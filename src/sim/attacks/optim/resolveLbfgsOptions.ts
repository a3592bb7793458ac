/**
 * Options of {@link Lbfgs} with PyTorch's `torch.optim.LBFGS` defaults, resolved once.
 */

/** L-BFGS options (PyTorch's arguments in camelCase). */
export interface LbfgsOptions {
  /** Step length scale (PyTorch `lr`). @default 1 */
  readonly lr?: number;
  /** Maximum inner iterations per `step()` (PyTorch `max_iter`). @default 20 */
  readonly maxIter?: number;
  /** Maximum closure evaluations per `step()` (PyTorch `max_eval`). @default floor(maxIter·5/4) */
  readonly maxEval?: number;
  /**
   * Stop when ‖∇f‖∞ ≤ this (PyTorch `tolerance_grad`). PyTorch ≥ 1.4 (incl. 1.13 and 2.x)
   * defaults to 1e-7; the docstring of older releases said 1e-5. @default 1e-7
   */
  readonly toleranceGrad?: number;
  /** Stop on |Δf|, ‖t·d‖∞ or −gᵀd below this (PyTorch `tolerance_change`). @default 1e-9 */
  readonly toleranceChange?: number;
  /** Number of curvature pairs kept (PyTorch `history_size`). @default 100 */
  readonly historySize?: number;
  /** `'none'`: fixed step t = lr; `'strongWolfe'`: PyTorch's `'strong_wolfe'`. @default 'none' */
  readonly lineSearch?: 'none' | 'strongWolfe';
}

/** Every option filled in. */
export type ResolvedLbfgsOptions = Required<LbfgsOptions>;

/** PyTorch's `torch.optim.LBFGS` defaults (maxEval is derived from maxIter). */
export const LBFGS_DEFAULTS = {
  lr: 1, maxIter: 20, toleranceGrad: 1e-7, toleranceChange: 1e-9, historySize: 100, lineSearch: 'none',
} as const;

/**
 * Fill in PyTorch's defaults and validate.
 * @returns The resolved options.
 */
export function resolveLbfgsOptions(options: LbfgsOptions): ResolvedLbfgsOptions {
  const maxIter = options.maxIter ?? LBFGS_DEFAULTS.maxIter;
  const r: ResolvedLbfgsOptions = {
    lr: options.lr ?? LBFGS_DEFAULTS.lr,
    maxIter,
    maxEval: options.maxEval ?? Math.floor((maxIter * 5) / 4),
    toleranceGrad: options.toleranceGrad ?? LBFGS_DEFAULTS.toleranceGrad,
    toleranceChange: options.toleranceChange ?? LBFGS_DEFAULTS.toleranceChange,
    historySize: options.historySize ?? LBFGS_DEFAULTS.historySize,
    lineSearch: options.lineSearch ?? LBFGS_DEFAULTS.lineSearch,
  };
  const where = 'resolveLbfgsOptions';
  if (!(r.lr > 0 && Number.isFinite(r.lr))) throw new RangeError(`${where}: lr must be a positive number (got ${r.lr}, expected > 0)`);
  for (const k of ['maxIter', 'maxEval', 'historySize'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 1) throw new RangeError(`${where}: ${k} must be a positive integer (got ${r[k]}, expected ≥ 1)`);
  }
  for (const k of ['toleranceGrad', 'toleranceChange'] as const) {
    if (!(r[k] >= 0)) throw new RangeError(`${where}: ${k} must be non-negative (got ${r[k]}, expected ≥ 0)`);
  }
  if (r.lineSearch !== 'none' && r.lineSearch !== 'strongWolfe') {
    throw new RangeError(`${where}: unknown lineSearch (got '${String(r.lineSearch)}', expected 'none' or 'strongWolfe')`);
  }
  return r;
}
