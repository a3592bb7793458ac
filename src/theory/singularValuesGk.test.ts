import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeTheoryRng } from './random.js';
import { singularValuesGk } from './singularValuesGk.js';
import { singularValues } from './svd.js';

const U = 2.220446049250313e-16;

/** m×n Gaussian matrix with column j scaled by 10^(−spread·j/(n−1)) (κ up to about 10^spread). */
function scaled(m: number, n: number, spread: number, seed: number): number[][] {
  const rng = makeTheoryRng(seed, 'gk', m, n);
  return Array.from({ length: m }, () => rng.normals(n).map((x, j) => x * 10 ** (-(spread * j) / Math.max(n - 1, 1))));
}

describe('singularValuesGk (Householder bidiagonalisation + bisection)', () => {
  it('agrees with the one-sided Jacobi SVD to a few u·σ_max on tall, wide and ill-conditioned matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 1e6 }), (m, n, spread, seed) => {
        // Arrange
        const A = scaled(m, n, spread, seed);
        // Act
        const gk = singularValuesGk(A);
        const jacobi = singularValues(A);
        // Assert
        expect(gk).toHaveLength(Math.min(m, n));
        for (let i = 1; i < gk.length; i++) expect(gk[i]).toBeLessThanOrEqual(gk[i - 1]);
        gk.forEach((s, i) => expect(Math.abs(s - jacobi[i])).toBeLessThanOrEqual(20 * Math.max(m, n) * U * jacobi[0]));
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  it('well-conditioned 100×100: every σ to relative 1e-12 (so κ is exact to that)', () => {
    // Arrange
    const A = scaled(100, 100, 2, 3);
    // Act
    const gk = singularValuesGk(A);
    const jacobi = singularValues(A);
    // Assert
    gk.forEach((s, i) => expect(Math.abs(s - jacobi[i]) / jacobi[i]).toBeLessThan(1e-12));
  });

  it('exact zeros and a rank-one matrix', () => {
    // Act
    const zero = singularValuesGk([[0, 0], [0, 0], [0, 0]]);
    const rankOne = singularValuesGk([[1, 2], [2, 4], [3, 6]]);
    // Assert
    expect(zero.every((s) => s < 1e-300)).toBe(true);
    expect(rankOne[0]).toBeCloseTo(Math.sqrt(14) * Math.sqrt(5), 12);
    expect(rankOne[1]).toBeLessThan(1e-14);
  });

  it('rejects an empty matrix', () => {
    expect(() => singularValuesGk([])).toThrow(/non-empty/);
  });
});
