/**
 * Strong-Wolfe line search along d, a port of PyTorch's `_strong_wolfe` (torch/optim/lbfgs.py,
 * from torch7's lswolfe.lua): bracketing with cubic extrapolation, then zoom with cubic
 * interpolation and the "insufficient progress" safeguard. Nocedal & Wright (2006), Alg. 3.5/3.6.
 * Symbols: f, g, gtd = f(x), ∇f(x), ∇f(x)ᵀd at t = 0; c1 (Armijo), c2 (curvature).
 */
import { cubicInterpolate } from './cubicInterpolate.js';
import { dot, maxAbs } from './vec.js';
import type { ValueAndGrad } from './types.js';

/** Options of {@link strongWolfe}. */
export interface StrongWolfeOptions {
  /** Armijo constant. @default 1e-4 */
  readonly c1: number;
  /** Curvature constant. @default 0.9 */
  readonly c2: number;
  /** Stop zooming when |bracket|·‖d‖∞ falls below this. @default 1e-9 */
  readonly toleranceChange: number;
  /** Maximum line-search iterations (evaluations after the first). @default 25 */
  readonly maxLs: number;
}

/** PyTorch's `_strong_wolfe` defaults. */
export const STRONG_WOLFE_DEFAULTS: StrongWolfeOptions = { c1: 1e-4, c2: 0.9, toleranceChange: 1e-9, maxLs: 25 };

/** The accepted point of a line search. */
export interface LineSearchResult {
  readonly value: number;
  readonly grad: Float64Array;
  readonly t: number;
  /** Closure evaluations spent. */
  readonly evals: number;
}

interface Point { t: number; f: number; g: Float64Array; gtd: number }

interface Search {
  readonly at: (t: number) => Point;
  readonly f: number;
  readonly gtd: number;
  readonly o: StrongWolfeOptions;
  evals: number;
  lsIter: number;
}

/**
 * Strong-Wolfe line search from t (PyTorch semantics, including its evaluation count).
 * @param evaluate - f and ∇f at x + t·d.
 * @param t - initial step.
 * @param d - search direction (descent: gtd < 0).
 * @returns The accepted step, its value and gradient, and the evaluations spent.
 */
export function strongWolfe(
  evaluate: (t: number) => ValueAndGrad, t: number, d: Float64Array,
  f: number, g: Float64Array, gtd: number, options: StrongWolfeOptions = STRONG_WOLFE_DEFAULTS,
): LineSearchResult {
  const at = (s: number): Point => {
    const r = evaluate(s);
    const gs = Float64Array.from(r.grad);
    return { t: s, f: r.value, g: gs, gtd: dot(gs, d) };
  };
  const search: Search = { at, f, gtd, o: options, evals: 0, lsIter: 0 };
  const { bracket, done } = bracketPhase(search, t, { t: 0, f, g: Float64Array.from(g), gtd });
  const best = done ? bracket[0] : zoomPhase(search, bracket, maxAbs(d));
  return { value: best.f, grad: best.g, t: best.t, evals: search.evals };
}

function bracketPhase(s: Search, t0: number, start: Point): { bracket: Point[]; done: boolean } {
  const { c1, c2, maxLs } = s.o;
  let cur = s.at(t0);
  s.evals = 1;
  let prev = start;
  while (s.lsIter < maxLs) {
    if (cur.f > s.f + c1 * cur.t * s.gtd || (s.lsIter > 1 && cur.f >= prev.f)) return { bracket: [prev, cur], done: false };
    if (Math.abs(cur.gtd) <= -c2 * s.gtd) return { bracket: [cur], done: true };
    if (cur.gtd >= 0) return { bracket: [prev, cur], done: false };
    const minStep = cur.t + 0.01 * (cur.t - prev.t);
    const maxStep = cur.t * 10;
    const next = cubicInterpolate(prev.t, prev.f, prev.gtd, cur.t, cur.f, cur.gtd, [minStep, maxStep]);
    prev = cur;
    cur = s.at(next);
    s.evals += 1;
    s.lsIter += 1;
  }
  // Out of iterations: PyTorch brackets [0, t] and skips the zoom (lsIter == maxLs).
  return { bracket: [start, cur], done: false };
}

function zoomPhase(s: Search, b: Point[], dNorm: number): Point {
  let [low, high] = b[0].f <= b[1].f ? [0, 1] : [1, 0];
  let insufProgress = false;
  while (s.lsIter < s.o.maxLs) {
    if (Math.abs(b[1].t - b[0].t) * dNorm < s.o.toleranceChange) break;
    const guarded = guardStep(cubicInterpolate(b[0].t, b[0].f, b[0].gtd, b[1].t, b[1].f, b[1].gtd), b, insufProgress);
    insufProgress = guarded.insufProgress;
    const p = s.at(guarded.t);
    s.evals += 1;
    s.lsIter += 1;
    if (p.f > s.f + s.o.c1 * p.t * s.gtd || p.f >= b[low].f) {
      b[high] = p;
      [low, high] = b[0].f <= b[1].f ? [0, 1] : [1, 0];
      continue;
    }
    const wolfe = Math.abs(p.gtd) <= -s.o.c2 * s.gtd;
    if (!wolfe && p.gtd * (b[high].t - b[low].t) >= 0) b[high] = b[low];
    b[low] = p;
    if (wolfe) break;
  }
  return b[low];
}

// A trial too close to the bracket's ends moves to 10% of its width from the nearer end.
function guardStep(t: number, b: Point[], insufProgress: boolean): { t: number; insufProgress: boolean } {
  const hi = Math.max(b[0].t, b[1].t);
  const lo = Math.min(b[0].t, b[1].t);
  const eps = 0.1 * (hi - lo);
  if (!(Math.min(hi - t, t - lo) < eps)) return { t, insufProgress: false };
  if (insufProgress || t >= hi || t <= lo) {
    return { t: Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps, insufProgress: false };
  }
  return { t, insufProgress: true };
}
