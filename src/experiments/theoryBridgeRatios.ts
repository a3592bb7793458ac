/**
 * Theorem 1's ratio ρ = ‖X − X′‖_p · N(J(X)) / ‖r − r′‖_p (Soteria, arXiv 2012.06043, eq. 9;
 * theory-spec §4.1) on the bridge's float64 copy of a float32 Jacobian, for p ∈ {1, 2, ∞} and the
 * three readings of N. The norms come from src/theory (`operatorNorm`, `entrywiseNorm`, upper
 * ends of their enclosures) except where its dense SVD would be too slow for 768 × 3072: the
 * spectral norm (p = 2 operator) and the Schatten norms use the Gram singular values.
 * p = 4 is left out (its operator norm needs a power method on J; minutes per sample).
 */
import { entrywiseNorm, operatorNorm, ratioKey, READINGS, vecNorm, type NormReading, type PNorm } from '../theory/index.js';
import type { GramFactor } from './theoryBridgeGram.js';

/** The p values the bridge evaluates. */
export const BRIDGE_P_VALUES: readonly PNorm[] = [1, 2, Infinity];

/** ρ under one (p, reading). */
export interface BridgeRatio {
  readonly rho: number;
  /** ‖X − X′‖_p. */
  readonly dX: number;
  /** ‖r − r′‖_p. */
  readonly dR: number;
  /** N(J(X)) under the reading. */
  readonly norm: number;
}

function rowsOf(J: Float64Array, L: number, D: number): number[][] {
  return Array.from({ length: L }, (_, i) => Array.from(J.subarray(i * D, (i + 1) * D)));
}

function normOf(rows: number[][], g: GramFactor, p: PNorm, reading: NormReading): number {
  if (reading === 'schatten') return vecNorm(g.sigma, p);
  if (reading === 'entrywise') return entrywiseNorm(rows, p).upper;
  return p === 2 ? g.sigma[0] : operatorNorm(rows, p).upper;
}

/**
 * N(J) for every (p, reading), keyed like the theory checker (`p=2/operator`).
 * @param J - row-major L × D float64 copy of the float32 Jacobian.
 */
export function jacobianNormTable(J: Float64Array, g: GramFactor): Record<string, number> {
  const rows = rowsOf(J, g.L, g.D);
  const out: Record<string, number> = {};
  for (const p of BRIDGE_P_VALUES) for (const reading of READINGS) out[ratioKey(p, reading)] = normOf(rows, g, p, reading);
  return out;
}

/**
 * ρ for every (p, reading) of one pair.
 * @param norms - from `jacobianNormTable`.
 * @param dX - X − X′.
 * @param dR - r − r′ (with r′ = f(X′) as evaluated by tfjs).
 */
export function bridgeRatios(norms: Readonly<Record<string, number>>, dX: ArrayLike<number>, dR: ArrayLike<number>): Record<string, BridgeRatio> {
  const out: Record<string, BridgeRatio> = {};
  for (const p of BRIDGE_P_VALUES) {
    const nx = vecNorm(Array.from(dX), p);
    const nr = vecNorm(Array.from(dR), p);
    for (const reading of READINGS) {
      const norm = norms[ratioKey(p, reading)];
      out[ratioKey(p, reading)] = { rho: (nx * norm) / nr, dX: nx, dR: nr, norm };
    }
  }
  return out;
}
