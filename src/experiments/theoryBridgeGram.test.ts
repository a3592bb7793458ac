import { describe, expect, it } from 'vitest';
import { makeRng, TOL } from '../tensor/index.js';
import { matVec, pinv, vecNorm } from '../theory/index.js';
import { gramFactor } from './theoryBridgeGram.js';

/** A seeded L × D matrix of rank k: (L × k)·(k × D) with entries U(−1, 1). */
function lowRank(seed: number, L: number, D: number, k: number): Float64Array {
  const rng = makeRng(seed, 'gramTest');
  const A = Array.from({ length: L * k }, () => 2 * rng.next() - 1);
  const B = Array.from({ length: k * D }, () => 2 * rng.next() - 1);
  const J = new Float64Array(L * D);
  for (let i = 0; i < L; i++) for (let t = 0; t < k; t++) for (let j = 0; j < D; j++) J[i * D + j] += A[i * k + t] * B[t * D + j];
  return J;
}

const rowsOf = (J: Float64Array, L: number, D: number): number[][] => Array.from({ length: L }, (_, i) => Array.from(J.subarray(i * D, (i + 1) * D)));
const rel = (a: ArrayLike<number>, b: ArrayLike<number>): number => vecNorm(Array.from(a, (v, i) => v - b[i]), 2) / vecNorm(Array.from(b), 2);

describe('gramFactor', () => {
  it('finds the rank k of a product of k-column factors, and D − k null directions', () => {
    for (const [L, D, k] of [[6, 10, 6], [6, 10, 4], [12, 30, 7]] as const) {
      // Arrange
      const J = lowRank(L * 100 + k, L, D, k);
      // Act
      const g = gramFactor(J, L, D);
      // Assert
      expect(g.rank).toBe(k);
      expect(g.sigma).toHaveLength(L);
      expect(g.sigma[0]).toBeGreaterThanOrEqual(g.sigma[L - 1]);
    }
  });

  it('pinvSolve equals the SVD pseudo-inverse of src/theory applied to d (full and deficient rank)', () => {
    for (const [L, D, k] of [[5, 9, 5], [5, 9, 3]] as const) {
      // Arrange
      const J = lowRank(7 + k, L, D, k);
      const rng = makeRng(3, 'd', k);
      const d = Array.from({ length: L }, () => rng.next() - 0.5);
      // Act
      const step = gramFactor(J, L, D).pinvSolve(d);
      // Assert
      expect(rel(step, matVec(pinv(rowsOf(J, L, D)), d))).toBeLessThan(1e-8);
    }
  });

  it('on a full-row-rank J the step solves J δX = d, and nullProject gives J v ≈ 0 with v ⟂ the step', () => {
    // Arrange
    const [L, D] = [8, 20];
    const J = lowRank(11, L, D, L);
    const rng = makeRng(5, 'w');
    const d = Array.from({ length: L }, () => rng.next() - 0.5);
    const w = Array.from({ length: D }, () => rng.next() - 0.5);
    const g = gramFactor(J, L, D);
    // Act
    const step = g.pinvSolve(d);
    const v = g.nullProject(w);
    // Assert
    expect(rel(g.applyJ(step), d)).toBeLessThan(TOL.float64 * 1e2);
    expect(vecNorm(Array.from(g.applyJ(v)), 2)).toBeLessThan(TOL.float64 * g.sigma[0] * vecNorm(w, 2));
    const cos = Array.from(v).reduce((s, x, i) => s + x * step[i], 0) / (vecNorm(Array.from(v), 2) * vecNorm(Array.from(step), 2));
    expect(Math.abs(cos)).toBeLessThan(1e-10);
    expect(vecNorm(Array.from(v), 2)).toBeGreaterThan(0.1 * vecNorm(w, 2));
  });

  it('topLeftSingular is a unit vector with ‖Jᵀu₁‖ = σ_max', () => {
    // Arrange
    const [L, D] = [6, 15];
    const g = gramFactor(lowRank(21, L, D, L), L, D);
    // Act
    const u1 = g.topLeftSingular();
    // Assert
    expect(vecNorm(Array.from(u1), 2)).toBeCloseTo(1, 12);
    expect(vecNorm(Array.from(g.applyJt(u1)), 2) / g.sigma[0]).toBeCloseTo(1, 10);
  });

  it('rejects a tall matrix', () => {
    expect(() => gramFactor(new Float64Array(12), 4, 3)).toThrow(/wide/);
  });
});
