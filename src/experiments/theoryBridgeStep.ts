/**
 * One minimum-norm Gauss–Newton step from X towards a target representation r′ (theory-spec
 * §4.4: for a non-injective f, X′ is a preimage found by Gauss–Newton, not f⁻¹(r′)):
 * δX = J⁺(r′ − r) = Jᵀ(J Jᵀ)⁺(r′ − r) in float64, X′ = X + δX (rounded to float32), then
 * r″ = f(X′) by tfjs and Theorem 1's ρ between (X, r) and (X′, r″).
 */
import type { ParamMap } from '../tensor/index.js';
import { vecNorm } from '../theory/index.js';
import type { Model } from '../sim/types.js';
import type { GramFactor } from './theoryBridgeGram.js';
import { representationAt, type RepresentationJacobian } from './theoryBridgeJacobian.js';
import { bridgeRatios, type BridgeRatio } from './theoryBridgeRatios.js';

/** Everything the step needs at one input X. */
export interface BridgePoint {
  readonly model: Model;
  readonly params: ParamMap;
  /** X, float32 values stored as float64. */
  readonly x: Float64Array;
  readonly jac: RepresentationJacobian;
  readonly gram: GramFactor;
  /** N(J(X)) per (p, reading), `jacobianNormTable`. */
  readonly norms: Readonly<Record<string, number>>;
}

/** What one step measured (plain JSON). */
export interface StepResult {
  /** ‖r′ − r‖₂. */
  readonly targetNorm: number;
  /** min_i r′_i and whether every r′_i lies in (0, 1), the range of a sigmoid feature. */
  readonly targetMin: number;
  readonly targetInRange: boolean;
  /** ‖δX‖₂. */
  readonly stepNorm: number;
  /** ‖J δX − (r′ − r)‖₂/‖r′ − r‖₂: the part of r′ − r outside J's numerical range. */
  readonly rangeResidual: number;
  /** ‖Jᵀ(J δX − (r′ − r))‖₂/(σ_max‖r′ − r‖₂): least-squares optimality (≈ 0 when the solve is right). */
  readonly normalResidual: number;
  /** ‖f(X + δX) − r′‖₂/‖r′ − r‖₂ (the Gauss–Newton residual). */
  readonly linearisationResidual: number;
  /** ‖f(X + δX) − r − J δX‖₂/‖J δX‖₂: error of the first-order model on the step taken. */
  readonly firstOrderResidual: number;
  /** [min, max] of X′ (the images live in [0, 1]). */
  readonly xPrimeRange: readonly [number, number];
  /** ρ per (p, reading) between (X, r) and (X′, f(X′)). */
  readonly ratios: Readonly<Record<string, BridgeRatio>>;
}

const diff = (a: ArrayLike<number>, b: ArrayLike<number>): number[] => Array.from(a, (v, i) => v - b[i]);
const norm2 = (a: ArrayLike<number>): number => vecNorm(Array.from(a), 2);

/**
 * Take the step towards `target` and measure it.
 * @param target - r′, length L.
 */
export function gaussNewtonStep(pt: BridgePoint, target: ArrayLike<number>): StepResult {
  const { r } = pt.jac;
  const d = diff(target, r);
  const dn = norm2(d);
  const step = pt.gram.pinvSolve(d);
  const Jstep = pt.gram.applyJ(step);
  const miss = diff(Jstep, d);
  const xPrime = Float64Array.from(pt.x, (v, k) => Math.fround(v + step[k]));
  const rPrime = representationAt(pt.model, pt.params, xPrime);
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of xPrime) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const targetMin = Math.min(...Array.from(target));
  return {
    targetNorm: dn,
    targetMin,
    targetInRange: Array.from(target).every((v) => v > 0 && v < 1),
    stepNorm: norm2(step),
    rangeResidual: norm2(miss) / dn,
    normalResidual: norm2(pt.gram.applyJt(miss)) / (pt.gram.sigma[0] * dn),
    linearisationResidual: norm2(diff(rPrime, target)) / dn,
    firstOrderResidual: norm2(Array.from(rPrime, (v, i) => v - r[i] - Jstep[i])) / norm2(Jstep),
    xPrimeRange: [lo, hi],
    ratios: bridgeRatios(pt.norms, diff(pt.x, xPrime), diff(r, rPrime)),
  };
}
