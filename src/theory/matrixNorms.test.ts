import { describe, expect, it } from 'vitest';
import { matVec, vecNorm } from './dense.js';
import { entrywiseNorm, operatorNorm, schattenNorm } from './matrixNorms.js';
import { makeTheoryRng } from './random.js';

describe('matrix norms', () => {
  const rng = makeTheoryRng(5, 'norms');
  const A = Array.from({ length: 4 }, () => rng.normals(3));

  it('operator 1- and ∞-norms are the max column / row abs-sums', () => {
    // Arrange
    const colSums = [0, 1, 2].map((j) => A.reduce((s, row) => s + Math.abs(row[j]), 0));
    const rowSums = A.map((row) => row.reduce((s, x) => s + Math.abs(x), 0));
    // Act
    const n1 = operatorNorm(A, 1);
    const nInf = operatorNorm(A, Infinity);
    // Assert
    expect(n1.lower).toBeLessThanOrEqual(Math.max(...colSums));
    expect(n1.upper).toBeGreaterThanOrEqual(Math.max(...colSums));
    expect(nInf.upper).toBeGreaterThanOrEqual(Math.max(...rowSums));
    expect(nInf.lower).toBeLessThanOrEqual(Math.max(...rowSums));
  });

  it('the p = 4 enclosure contains every sampled ratio ‖Ax‖₄/‖x‖₄ below its upper end', () => {
    // Arrange
    const ratios = Array.from({ length: 500 }, () => {
      const x = rng.normals(3);
      return vecNorm(matVec(A, x), 4) / vecNorm(x, 4);
    });
    // Act
    const n4 = operatorNorm(A, 4);
    // Assert
    expect(n4.lower).toBeLessThanOrEqual(n4.upper);
    expect(Math.max(...ratios)).toBeLessThanOrEqual(n4.upper);
    expect(n4.lower).toBeGreaterThanOrEqual(Math.max(...ratios) * (1 - 1e-9));
  });

  it('reproduces the closed forms of theory-spec §4.2 (1·1ᵀ and 1·e₁ᵀ)', () => {
    // Arrange
    const n = 5;
    const ones = Array.from({ length: n }, () => new Array<number>(n).fill(1));
    const col = Array.from({ length: n }, () => Array.from({ length: n }, (_, j) => (j === 0 ? 1 : 0)));
    // Act + Assert: ‖1·1ᵀ‖_max = 1 but ‖1·1ᵀ‖_{∞→∞} = n; nuclear(1·e₁ᵀ) = √n but ‖·‖_{1→1} = n
    expect(entrywiseNorm(ones, Infinity).upper).toBeCloseTo(1, 12);
    expect(operatorNorm(ones, Infinity).lower).toBeCloseTo(n, 12);
    expect(schattenNorm(col, 1).upper).toBeCloseTo(Math.sqrt(n), 12);
    expect(operatorNorm(col, 1).lower).toBeCloseTo(n, 12);
  });
});
