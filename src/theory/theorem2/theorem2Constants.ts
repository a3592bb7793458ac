/**
 * Constants of Soteria's Theorem 2 for the LR instance (theory-spec §5.2), each as a closed-form
 * upper bound and as an empirical estimate, and the envelope
 * RHS(T) = (2κ/(γ+T))·((Q + C)/μ + (μγ/2)‖W_0 − W*‖²),
 * Q = Σ p_k²(Λ_s ε + σ_k²) + 6LΓ + 8(I−1)²(Λ_s ε + G²), C = (4/K)I²(Λ_s ε + G²) (0 under full participation).
 * Λ_s is read as a bound on the squared norm (the prose), ε as the count of pruned entries.
 */
import { eigsSym } from '../linalg.js';
import { softmaxRow, type LrProblem } from './lrProblem.js';

/** One set of constants (closed-form or empirical). */
export interface Theorem2Constants {
  readonly mu: number;
  readonly L: number;
  readonly kappa: number;
  readonly gamma: number;
  readonly sigma2: readonly number[];
  readonly G2: number;
  readonly LambdaS: number;
  readonly eps: number;
  readonly Gamma: number;
  readonly w0dist2: number;
  readonly I: number;
  readonly K: number;
  readonly Q: number;
  readonly C: number;
  /** A = (Q + C)/μ + (μγ/2)‖W_0 − W*‖². */
  readonly A: number;
}

/** Inputs that are not computed here. */
export interface ConstantInputs {
  readonly I: number;
  readonly K: number;
  readonly full: boolean;
  readonly batch: number | 'full';
  readonly Gamma: number;
  readonly w0dist2: number;
  /** γ used by the schedule (fixed by the closed-form κ). */
  readonly gamma: number;
}

/** Assemble Q, C, A from the elementary constants. */
export function assembleConstants(e: Omit<Theorem2Constants, 'Q' | 'C' | 'A' | 'kappa'>, full: boolean, P: LrProblem): Theorem2Constants {
  const le = e.LambdaS * e.eps;
  const Q = P.p.reduce((s, pk, k) => s + pk * pk * (le + e.sigma2[k]), 0) + 6 * e.L * e.Gamma + 8 * (e.I - 1) ** 2 * (le + e.G2);
  const C = full ? 0 : (4 / e.K) * e.I * e.I * (le + e.G2);
  return { ...e, kappa: e.L / e.mu, Q, C, A: (Q + C) / e.mu + ((e.mu * e.gamma) / 2) * e.w0dist2 };
}

/** The envelope RHS(T). */
export function envelope(c: Theorem2Constants, T: number): number {
  return ((2 * c.kappa) / (c.gamma + T)) * c.A;
}

const rowSq = (X: Float64Array, j: number, dt: number): number => {
  let s = 0;
  for (let i = 0; i < dt; i++) s += X[j * dt + i] ** 2;
  return s;
};

/** Smoothness upper bound L ≤ λ + ½ max_k λ_max(X̃_kᵀX̃_k/n_k) (exact eigenvalues when dt ≤ 200, else the trace bound ½ max‖x̃‖²). */
export function smoothnessUpper(P: LrProblem): number {
  const { dt } = P;
  if (dt > 200) return P.lambda + 0.5 * Math.max(...P.devices.map((d) => Math.max(...Array.from({ length: d.n }, (_, j) => rowSq(d.X, j, dt)))));
  return P.lambda + 0.5 * Math.max(...P.devices.map((d) => {
    const M = Array.from({ length: dt }, (_, a) => Array.from({ length: dt }, (__, b) => {
      let s = 0;
      for (let j = 0; j < d.n; j++) s += d.X[j * dt + a] * d.X[j * dt + b];
      return s / d.n;
    }));
    const ev = eigsSym(M);
    return ev[ev.length - 1];
  }));
}

/** Closed-form upper bounds (theory-spec §5.2, "closed form" column). R = sup_t ‖W_t‖ from the runs. */
export function closedFormConstants(P: LrProblem, epsCount: number, R: number, inp: ConstantInputs): Theorem2Constants {
  const { dt } = P;
  const maxSq = Math.max(...P.devices.map((d) => Math.max(...Array.from({ length: d.n }, (_, j) => rowSq(d.X, j, dt)))));
  let maxEntry = 0;
  for (const d of P.devices) for (let j = 0; j < d.n; j++) for (let i = 0; i < dt; i++) maxEntry = Math.max(maxEntry, Math.abs(d.X[j * dt + i]));
  const sigma2 = P.devices.map((d) => {
    if (inp.batch === 'full' || inp.batch >= d.n) return 0;
    const mean = Array.from({ length: d.n }, (_, j) => rowSq(d.X, j, dt)).reduce((a, b) => a + b, 0) / d.n;
    return ((d.n - inp.batch) / (inp.batch * (d.n - 1))) * 2 * mean;
  });
  const e = { mu: P.lambda, L: smoothnessUpper(P), gamma: inp.gamma, sigma2, G2: (Math.SQRT2 * Math.sqrt(maxSq) + P.lambda * R) ** 2, LambdaS: 2, eps: epsCount * maxEntry * maxEntry, Gamma: inp.Gamma, w0dist2: inp.w0dist2, I: inp.I, K: inp.K };
  return assembleConstants(e, inp.full, P);
}

/** Empirical estimates at the recorded iterates (theory-spec §5.2, "empirical" column); L_emp is a lower estimate. */
export function empiricalConstants(P: LrProblem, snapshots: readonly Float64Array[], Lemp: number, inp: ConstantInputs): Theorem2Constants {
  const { C, dt } = P;
  const prob = new Float64Array(C);
  let LambdaS = 0;
  let G2 = 0;
  let epsEff = 0;
  const sigma2 = P.devices.map(() => 0);
  for (const d of P.devices) for (let j = 0; j < d.n; j++) {
    let s = 0;
    for (let i = 0; i < dt; i++) s += (d.X[j * dt + i] - d.Xd[j * dt + i]) ** 2;
    epsEff = Math.max(epsEff, s);
  }
  for (const W of snapshots) {
    const wn2 = W.reduce((s, v) => s + v * v, 0);
    P.devices.forEach((d, k) => {
      let second = 0;
      const mean = new Float64Array(W.length);
      for (let j = 0; j < d.n; j++) {
        softmaxRow(W, d.X, j, C, dt, prob);
        let r2 = 0;
        for (let c = 0; c < C; c++) {
          const a = prob[c] - (c === d.y[j] ? 1 : 0);
          r2 += a * a;
          for (let i = 0; i < dt; i++) mean[c * dt + i] += (a * d.X[j * dt + i]) / d.n;
        }
        LambdaS = Math.max(LambdaS, r2);
        second += (r2 * rowSq(d.X, j, dt)) / d.n;
      }
      const mean2 = mean.reduce((s, v) => s + v * v, 0);
      const crossReg = 2 * P.lambda * mean.reduce((s, v, i) => s + v * W[i], 0);
      G2 = Math.max(G2, second + crossReg + P.lambda * P.lambda * wn2);
      const B = inp.batch === 'full' ? d.n : Math.min(inp.batch, d.n);
      const factor = B >= d.n ? 0 : (d.n - B) / (B * (d.n - 1));
      sigma2[k] = Math.max(sigma2[k], factor * Math.max(0, second - mean2));
    });
  }
  const e = { mu: P.lambda, L: Lemp, gamma: inp.gamma, sigma2, G2, LambdaS, eps: epsEff, Gamma: inp.Gamma, w0dist2: inp.w0dist2, I: inp.I, K: inp.K };
  return assembleConstants(e, inp.full, P);
}
