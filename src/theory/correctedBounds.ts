/**
 * Corrected forms of Theorem 1 that must never fail (theory-spec §4.3), each as a ratio that is
 * ≥ 1 when the bound holds:
 * - mean value: r − r' = Ā(X − X'), Ā = ∫₀¹ J(X' + t(X − X'))dt ⇒ ρ_Ā = ‖ΔX‖·‖Ā‖/‖Δr‖ ≥ 1
 *   (64-node Gauss–Legendre for smooth f; exact kink splitting for piecewise-linear f);
 * - Lipschitz: ρ_Lip = ‖ΔX‖·Lip_p(f)/‖Δr‖ ≥ 1, Lip_p(f) ≤ Π‖W_l‖_{p→p}·Lip(σ)^depth;
 * - second order: δ ≥ (−N + √(N² + 2M‖Δr‖))/M with N = ‖J(X)‖, M ≥ sup_t ‖D²f(X_t)[u,u]‖.
 */
import { subVec, vecNorm } from './dense.js';
import { gaussLegendre } from './gaussLegendre.js';
import { operatorNorm } from './matrixNorms.js';
import type { Theorem1Pair } from './theorem1Pair.js';
import type { PNorm, TheoryMap, Vec } from './types.js';

/** Grid points and safety factor of the estimated second-derivative bound M. */
export const SECOND_ORDER_GRID = 65;
export const SECOND_ORDER_SAFETY = 1.5;
const GL64 = gaussLegendre(64);

const lerp = (a: Vec, b: Vec, t: number): number[] => a.map((v, i) => v + t * (b[i] - v));

/** Ā = ∫₀¹ J(X' + t(X − X')) dt. */
export function averagedJacobian(map: TheoryMap, pair: Theorem1Pair): number[][] {
  const acc = pair.r.map(() => pair.X.map(() => 0));
  const add = (t: number, w: number): void => {
    const J = map.jacobian(lerp(pair.Xp, pair.X, t));
    J.forEach((row, i) => row.forEach((v, j) => (acc[i][j] += w * v)));
  };
  if (map.smoothness === 'piecewiseLinear' && map.kinks) {
    const cuts = [0, ...map.kinks(pair.Xp, pair.X), 1];
    for (let k = 0; k + 1 < cuts.length; k++) add((cuts[k] + cuts[k + 1]) / 2, cuts[k + 1] - cuts[k]);
  } else GL64.nodes.forEach((t, k) => add(t, GL64.weights[k]));
  return acc;
}

/** Estimated M_p ≥ sup_t ‖D²f(X_t)[u,u]‖_p along X → X' (u = (X' − X)/‖X' − X‖_p), per p. */
export function secondDerivativeBound(map: TheoryMap, pair: Theorem1Pair, ps: readonly PNorm[]): Record<string, number> {
  const dx = subVec(pair.Xp, pair.X);
  const out: Record<string, number> = {};
  const scale = Math.max(1, vecNorm(pair.X, Infinity), vecNorm(pair.Xp, Infinity));
  const second: number[][] = [];
  for (let k = 0; k < SECOND_ORDER_GRID; k++) {
    const xt = lerp(pair.X, pair.Xp, k / (SECOND_ORDER_GRID - 1));
    const h = (1e-4 * scale) / vecNorm(dx, Infinity);
    const fp = map.f(xt.map((v, i) => v + h * dx[i]));
    const fm = map.f(xt.map((v, i) => v - h * dx[i]));
    const f0 = map.f(xt);
    second.push(f0.map((v, i) => (fp[i] - 2 * v + fm[i]) / (h * h)));
  }
  for (const p of ps) {
    const dnorm = vecNorm(dx, p);
    out[String(p)] = (SECOND_ORDER_SAFETY * Math.max(...second.map((s) => vecNorm(s, p)))) / (dnorm * dnorm);
  }
  return out;
}

/** The three corrected ratios at one pair for ℓ_p; `undefined` where a form does not apply. */
export function correctedRatios(map: TheoryMap, pair: Theorem1Pair, Abar: number[][], M: number | undefined, p: PNorm): Record<string, { lhs: number; rhs: number } | string> {
  const dX = vecNorm(subVec(pair.X, pair.Xp), p);
  const dR = vecNorm(subVec(pair.r, pair.rp), p);
  const lip = map.lipschitzUpper?.(p);
  const N = operatorNorm(map.jacobian(pair.X), p).upper;
  let second: { lhs: number; rhs: number } | string = 'f not C² (piecewise linear): no second-order bound';
  if (map.smoothness === 'smooth' && M !== undefined) {
    const bound = M > 0 ? (-N + Math.sqrt(N * N + 2 * M * dR)) / M : dR / N;
    second = { lhs: dX, rhs: bound };
  }
  return {
    meanValue: { lhs: (dX * operatorNorm(Abar, p).upper) / dR, rhs: 1 },
    lipschitz: lip === undefined ? 'no closed-form Lipschitz bound for this family' : { lhs: (dX * lip) / dR, rhs: 1 },
    secondOrder: second,
  };
}
