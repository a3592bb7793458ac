/**
 * Everything Theorem 1 measures on one case: ρ = ‖X − X'‖_p·N(J(X))/‖r − r'‖_p for every p and
 * norm reading (N as a certified interval: ρ_up uses the upper bound and certifies violations,
 * ρ_lo the lower bound and certifies validity), plus the corrected ratios of §4.3.
 */
import { correctedRatios, averagedJacobian, secondDerivativeBound } from './correctedBounds.js';
import { subVec, vecNorm } from './dense.js';
import { jacobianNorm } from './matrixNorms.js';
import type { Theorem1Pair } from './theorem1Pair.js';
import type { NormReading, PNorm, TheoryMap } from './types.js';

/** The p values of theory-spec §4.1. */
export const P_VALUES: readonly PNorm[] = [1, 2, 4, Infinity];
/** The three readings of ‖∇_X f‖_p. */
export const READINGS: readonly NormReading[] = ['operator', 'entrywise', 'schatten'];

/** ρ under one (p, reading). */
export interface RatioMeasurement {
  readonly rhoUpper: number;
  readonly rhoLower: number;
  readonly dX: number;
  readonly dR: number;
  readonly normUpper: number;
}

/** All measurements of one case, keyed `${p}/${reading}` and `${form}/${p}`. */
export interface Theorem1Measurement {
  readonly ratios: Readonly<Record<string, RatioMeasurement>>;
  readonly corrected: Readonly<Record<string, { lhs: number; rhs: number } | string>>;
}

/** Key of a (p, reading) pair. */
export const ratioKey = (p: PNorm, reading: NormReading): string => `p=${p}/${reading}`;

/** Measure one pair; `withCorrected` adds the §4.3 ratios (costly: 64 Jacobians + 65·3 f-calls). */
export function measureTheorem1(map: TheoryMap, pair: Theorem1Pair, withCorrected: boolean): Theorem1Measurement {
  const J = map.jacobian(pair.X);
  const ratios: Record<string, RatioMeasurement> = {};
  for (const p of P_VALUES) {
    const dX = vecNorm(subVec(pair.X, pair.Xp), p);
    const dR = vecNorm(subVec(pair.r, pair.rp), p);
    for (const reading of READINGS) {
      const N = jacobianNorm(J, p, reading);
      ratios[ratioKey(p, reading)] = { rhoUpper: (dX * N.upper) / dR, rhoLower: (dX * N.lower) / dR, dX, dR, normUpper: N.upper };
    }
  }
  const corrected: Record<string, { lhs: number; rhs: number } | string> = {};
  if (withCorrected) {
    const Abar = averagedJacobian(map, pair);
    const M = map.smoothness === 'smooth' ? secondDerivativeBound(map, pair, P_VALUES) : undefined;
    for (const p of P_VALUES) {
      const c = correctedRatios(map, pair, Abar, M?.[String(p)], p);
      for (const [form, v] of Object.entries(c)) corrected[`${form}/p=${p}`] = v;
    }
  }
  return { ratios, corrected };
}
