/**
 * Float64 solvers for Theorem 2: Newton-CG for F* (stop at ‖∇F‖₂ ≤ 1e-9, certificate
 * F(W) − F* ≤ ‖∇F‖²/(2μ), theory-spec §5.3) and Newton–GMRES for the defended fixed point
 * g°(W°) = 0 (§5.5).
 */
import { globalLossGrad, gradJvp, type LrProblem } from './lrProblem.js';

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * b[i], 0);
const norm = (a: Float64Array): number => Math.sqrt(dot(a, a));

/** The optimum with its certificate. */
export interface OptimumResult {
  readonly W: Float64Array;
  readonly F: number;
  readonly gradNorm: number;
  /** ‖∇F‖²/(2μ) ≥ F(W) − F*. */
  readonly certificate: number;
  readonly newtonSteps: number;
}

function cg(apply: (v: Float64Array) => Float64Array, b: Float64Array, tol: number, maxIt: number): Float64Array {
  const x = new Float64Array(b.length);
  const r = b.slice();
  const p = r.slice();
  let rr = dot(r, r);
  for (let it = 0; it < maxIt && Math.sqrt(rr) > tol; it++) {
    const Ap = apply(p);
    const alpha = rr / dot(p, Ap);
    for (let i = 0; i < x.length; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * Ap[i];
    }
    const rr2 = dot(r, r);
    for (let i = 0; i < p.length; i++) p[i] = r[i] + (rr2 / rr) * p[i];
    rr = rr2;
  }
  return x;
}

/** Minimise F (or one device's F_k) by Newton-CG with Armijo backtracking. */
export function solveOptimum(P: LrProblem, tol = 1e-9, W0?: Float64Array, maxNewton = 60): OptimumResult {
  let W = W0 ? W0.slice() : new Float64Array(P.C * P.dt);
  const g = new Float64Array(W.length);
  let F = globalLossGrad(P, W, g);
  let steps = 0;
  for (; steps < maxNewton && norm(g) > tol; steps++) {
    const gn = norm(g);
    const d = cg((v) => gradJvp(P, W, v), g, Math.min(0.5, Math.sqrt(gn)) * gn, 500);
    let t = 1;
    const slope = dot(g, d);
    let Wn = W.map((v, i) => v - d[i]);
    const gNew = new Float64Array(W.length);
    let Fn = globalLossGrad(P, Wn, gNew);
    while (Fn > F - 1e-4 * t * slope && t > 1e-10) {
      t /= 2;
      Wn = W.map((v, i) => v - t * d[i]);
      Fn = globalLossGrad(P, Wn, gNew);
    }
    if (!(Fn <= F) && norm(gNew) >= gn) break;
    [W, F] = [Wn, Fn];
    g.set(gNew);
  }
  const gradNorm = norm(g);
  return { W, F, gradNorm, certificate: (gradNorm * gradNorm) / (2 * P.lambda), newtonSteps: steps };
}

function gmres(apply: (v: Float64Array) => Float64Array, b: Float64Array, tol: number, m: number): Float64Array {
  const n = b.length;
  const beta = norm(b);
  if (beta === 0) return new Float64Array(n);
  const Q: Float64Array[] = [b.map((v) => v / beta)];
  const H: number[][] = [];
  let k = 0;
  for (; k < m; k++) {
    const w = apply(Q[k]);
    H.push(new Array<number>(m + 1).fill(0));
    for (let i = 0; i <= k; i++) {
      H[k][i] = dot(w, Q[i]);
      for (let l = 0; l < n; l++) w[l] -= H[k][i] * Q[i][l];
    }
    H[k][k + 1] = norm(w);
    if (H[k][k + 1] < 1e-14 * beta) {
      k++;
      break;
    }
    Q.push(w.map((v) => v / H[k][k + 1]));
  }
  // least squares min ‖β e1 − H y‖ by normal equations on the small (k+1)×k system
  const A = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (__, j) => H[i].reduce((s, v, r) => s + v * H[j][r], 0)));
  const rhs = Array.from({ length: k }, (_, i) => beta * H[i][0]);
  const y = solveSmall(A, rhs);
  const x = new Float64Array(n);
  for (let i = 0; i < k; i++) for (let l = 0; l < n; l++) x[l] += y[i] * Q[i][l];
  void tol;
  return x;
}

function solveSmall(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) x[r] = (M[r][n] - M.slice(r + 1).reduce((s, _, i) => s + M[r][r + 1 + i] * x[r + 1 + i], 0)) / M[r][r];
  return x;
}

/** Solve the defended mean field g°(W) = 0 by Newton–GMRES (restarted), from W0. */
export function solveDefendedFixedPoint(P: LrProblem, W0: Float64Array, tol = 1e-9, maxNewton = 40): { W: Float64Array; residual: number } {
  let W = W0.slice();
  const g = new Float64Array(W.length);
  globalLossGrad(P, W, g, true);
  for (let it = 0; it < maxNewton && norm(g) > tol; it++) {
    let d = new Float64Array(W.length);
    let r = g.slice();
    for (let restart = 0; restart < 20 && norm(r) > 0.1 * Math.min(1, norm(g)) * norm(g); restart++) {
      const dd = gmres((v) => gradJvp(P, W, v, true), r, 0, 40);
      d = d.map((v, i) => v + dd[i]);
      const Jd = gradJvp(P, W, d, true);
      r = g.map((v, i) => v - Jd[i]);
    }
    let t = 1;
    const g0 = norm(g);
    let Wn = W.map((v, i) => v - d[i]);
    const gn = new Float64Array(W.length);
    globalLossGrad(P, Wn, gn, true);
    while (norm(gn) > (1 - 1e-4 * t) * g0 && t > 1e-8) {
      t /= 2;
      Wn = W.map((v, i) => v - t * d[i]);
      globalLossGrad(P, Wn, gn, true);
    }
    W = Wn;
    g.set(gn);
  }
  return { W, residual: norm(g) };
}
