/**
 * Vacuity of Theorem 2 on large instances (theory-spec §5.5, "vacuity report"), without F*:
 * every term of the envelope is ≥ 0 and RHS grows with κ, so lower estimates of κ (Rayleigh
 * quotients of each F_k's Hessian at W_0 = 0, exact there: λ + λ_max(X̃_kᵀX̃_k/n_k)/C), of G² and
 * Λ_s (values at the iterate W_0) and the exact ε_eff give RHS_lo(T) ≤ RHS(T). While
 * RHS_lo(T) ≥ log C ≥ F(W_0) − F* the theorem certifies no progress at all; that lasts until
 * T_progress = 2κ_lo(Q_lo + C_lo)/(μ·log C) − γ_lo.
 */
import type { FamilyResult } from '../claimReport.js';
import { inapplicable } from '../verdict.js';
import { deviceLossGrad, type LrProblem } from './lrProblem.js';

function covLambdaMax(X: Float64Array, n: number, dt: number, iters: number): number {
  let v = Float64Array.from({ length: dt }, (_, i) => 1 + Math.sin(i));
  let lam = 0;
  for (let it = 0; it < iters; it++) {
    const nv = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    v = v.map((x) => x / nv);
    const Xv = new Float64Array(n);
    for (let j = 0; j < n; j++) for (let i = 0; i < dt; i++) Xv[j] += X[j * dt + i] * v[i];
    const Mv = new Float64Array(dt);
    for (let j = 0; j < n; j++) for (let i = 0; i < dt; i++) Mv[i] += (X[j * dt + i] * Xv[j]) / n;
    lam = Mv.reduce((s, x, i) => s + x * v[i], 0);
    v = Mv;
  }
  return lam;
}

/** Inputs of the vacuity analysis. */
export interface VacuityOptions {
  readonly name: string;
  readonly epsCount: number;
  readonly I: number;
  readonly K: number;
  /** Power iterations per device. @default 30 */
  readonly iterations?: number;
}

/** The vacuity analysis as a family result (inapplicable: "vacuous until T_progress"). */
export function theorem2Vacuity(P: LrProblem, o: VacuityOptions): FamilyResult {
  const { C, dt, lambda: mu } = P;
  const Llo = Math.max(...P.devices.map((d) => mu + covLambdaMax(d.X, d.n, dt, o.iterations ?? 30) / C));
  const kappa = Llo / mu;
  const gamma = Math.max(8 * kappa, o.I);
  const W0 = new Float64Array(C * dt);
  const G2 = Math.max(...P.devices.map((d) => {
    const g = new Float64Array(W0.length);
    deviceLossGrad(P, W0, d, null, g);
    return g.reduce((s, x) => s + x * x, 0);
  }));
  const LambdaS = (C - 1) / C;
  let epsEff = 0;
  for (const d of P.devices) for (let j = 0; j < d.n; j++) {
    let s = 0;
    for (let i = 0; i < dt; i++) s += (d.X[j * dt + i] - d.Xd[j * dt + i]) ** 2;
    epsEff = Math.max(epsEff, s);
  }
  const base = LambdaS * epsEff + G2;
  const Q = 8 * (o.I - 1) ** 2 * base;
  const Cterm = (4 / o.K) * o.I * o.I * base;
  const logC = Math.log(C);
  const Tprogress = (2 * kappa * (Q + Cterm)) / (mu * logC) - gamma;
  const rhsAt = (T: number): number => ((2 * kappa) / (gamma + T)) * ((Q + Cterm) / mu);
  const details = { kappaLower: kappa, gammaLower: gamma, LLower: Llo, G2Lower: G2, LambdaSLower: LambdaS, epsEff, QLower: Q, CLower: Cterm, logC, Tprogress, roundsProgress: Tprogress / o.I, rhsLowerAtT: { 1e3: rhsAt(1e3), 1e5: rhsAt(1e5), 1e7: rhsAt(1e7) } };
  return {
    name: `${o.name}/vacuity`,
    verdict: inapplicable(`vacuous: RHS(T) ≥ ${logC.toFixed(3)} = log C ≥ F(W_0) − F* for every T < T_progress = ${Tprogress.toExponential(3)} local steps (${(Tprogress / o.I).toExponential(3)} rounds); κ ≥ ${kappa.toExponential(3)}`, details),
    cases: 1,
    violations: 0,
    skipped: {},
    stats: { kappaLower: kappa, Tprogress, roundsProgress: Tprogress / o.I },
  };
}
