/**
 * L-BFGS with the semantics of PyTorch's `torch.optim.LBFGS` (torch/optim/lbfgs.py, v1.13–2.x),
 * on a flat float64 parameter vector and a closure x ↦ (f, ∇f). "One step" is what it is in the
 * DLG notebook (Zhu et al. 2019, DLG): up to `maxIter` inner iterations and `maxEval` closure
 * evaluations, with the direction memory, step length and iteration count carried across steps.
 * Symbols: d (direction), t (step length), g (gradient), H₀ = hDiag·I (see lbfgsHistory.ts).
 */
import { emptyHistory, pushCurvaturePair, twoLoopDirection } from './lbfgsHistory.js';
import type { LbfgsHistory } from './lbfgsHistory.js';
import { resolveLbfgsOptions } from './resolveLbfgsOptions.js';
import type { LbfgsOptions, ResolvedLbfgsOptions } from './resolveLbfgsOptions.js';
import { strongWolfe } from './strongWolfe.js';
import { addScaled, dot, maxAbs, sumAbs } from './vec.js';
import type { Closure, OptimizerCounters, ValueAndGrad } from './types.js';

interface Carried { d?: Float64Array; t: number; prevFlatGrad?: Float64Array; prevLoss: number }
interface Iterate { loss: number; g: Float64Array; evals: number; optCond: boolean }

/**
 * PyTorch-faithful L-BFGS optimizer; owns and updates the parameter vector `x` in place.
 * Reference: Nocedal & Wright (2006) Alg. 7.5; PyTorch `torch.optim.LBFGS`.
 */
export class Lbfgs {
  /** The parameters (updated in place by `step`). */
  readonly x: Float64Array;
  /** The resolved options. */
  readonly options: ResolvedLbfgsOptions;
  private readonly history: LbfgsHistory = emptyHistory();
  private readonly carried: Carried = { t: Number.NaN, prevLoss: Number.NaN };
  private nSteps = 0;
  private nIter = 0;
  private funcEvals = 0;

  /**
   * @param x0 - initial parameters (copied).
   * @param options - PyTorch's arguments (camelCase); see {@link LbfgsOptions}.
   */
  constructor(x0: ArrayLike<number>, options: LbfgsOptions = {}) {
    this.x = Float64Array.from(x0);
    this.options = resolveLbfgsOptions(options);
  }

  /** Cumulative work counters. */
  get counters(): OptimizerCounters {
    return { steps: this.nSteps, iterations: this.nIter, evaluations: this.funcEvals };
  }

  /** Number of stored curvature pairs. */
  get historyLength(): number {
    return this.history.dirs.length;
  }

  /** H₀ scale yᵀs / yᵀy of the newest stored pair (1 before any). */
  get hDiag(): number {
    return this.history.hDiag;
  }

  /**
   * One optimizer step (PyTorch `LBFGS.step(closure)`).
   * @returns The loss of the step's first closure evaluation, i.e. at the incoming x.
   */
  step(closure: Closure): number {
    const o = this.options;
    this.nSteps += 1;
    let cur = this.evaluate(closure, this.x);
    const origLoss = cur.loss;
    this.funcEvals += 1;
    if (cur.optCond) return origLoss;
    let currentEvals = 1;
    for (let n = 1; n <= o.maxIter; n++) {
      this.nIter += 1;
      const d = this.direction(cur.g);
      const c = this.carried;
      c.prevFlatGrad = Float64Array.from(cur.g);
      c.prevLoss = cur.loss;
      c.t = this.nIter === 1 ? Math.min(1, 1 / sumAbs(cur.g)) * o.lr : o.lr;
      const gtd = dot(cur.g, d);
      if (gtd > -o.toleranceChange) break;
      const next = this.move(closure, d, cur, gtd, n === o.maxIter);
      currentEvals += next.evals;
      this.funcEvals += next.evals;
      cur = next;
      if (n === o.maxIter || currentEvals >= o.maxEval || cur.optCond) break;
      if (maxAbs(d) * Math.abs(c.t) <= o.toleranceChange) break;
      if (Math.abs(cur.loss - c.prevLoss) < o.toleranceChange) break;
    }
    return origLoss;
  }

  private evaluate(closure: Closure, at: Float64Array): Iterate {
    const r = closure(at);
    const g = Float64Array.from(r.grad);
    if (g.length !== this.x.length) {
      throw new RangeError(`Lbfgs.step: closure gradient has the wrong length (got ${g.length}, expected ${this.x.length})`);
    }
    return { loss: r.value, g, evals: 1, optCond: maxAbs(g) <= this.options.toleranceGrad };
  }

  // Steepest descent on the very first iteration; afterwards update the memory and use it.
  private direction(g: Float64Array): Float64Array {
    const c = this.carried;
    if (this.nIter === 1 || c.d === undefined || c.prevFlatGrad === undefined) {
      this.history.dirs.length = 0;
      this.history.stps.length = 0;
      this.history.ro.length = 0;
      this.history.hDiag = 1;
      c.d = g.map((v) => -v);
      return c.d;
    }
    const prev = c.prevFlatGrad;
    const dPrev = c.d;
    const y = g.map((v, i) => v - prev[i]);
    const s = dPrev.map((v) => v * c.t);
    pushCurvaturePair(this.history, y, s, this.options.historySize);
    c.d = twoLoopDirection(this.history, g);
    return c.d;
  }

  // Take the step along d: strong-Wolfe search, or the fixed step t = lr (re-evaluating f and ∇f
  // except on the last inner iteration, as PyTorch does).
  private move(closure: Closure, d: Float64Array, cur: Iterate, gtd: number, last: boolean): Iterate {
    const c = this.carried;
    if (this.options.lineSearch === 'strongWolfe') {
      const x0 = Float64Array.from(this.x);
      const trial = new Float64Array(this.x.length);
      const at = (t: number): ValueAndGrad => {
        const r = this.evaluate(closure, addScaled(trial, x0, t, d));
        return { value: r.loss, grad: r.g };
      };
      const ls = strongWolfe(at, c.t, d, cur.loss, cur.g, gtd);
      c.t = ls.t;
      addScaled(this.x, x0, ls.t, d);
      return { loss: ls.value, g: ls.grad, evals: ls.evals, optCond: maxAbs(ls.grad) <= this.options.toleranceGrad };
    }
    addScaled(this.x, this.x, c.t, d);
    if (last) return { ...cur, evals: 0 };
    return this.evaluate(closure, this.x);
  }
}
