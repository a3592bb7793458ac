import { describe, expect, it } from 'vitest';
import { makeRng, gaussian, TOL } from '../../tensor/index.js';
import { pinvColumnNorms } from './pinvColumnNorms.js';
import { symmetricEigen } from './symmetricEigen.js';

/** Solve (A Aᵀ) y = e_i by Gauss–Jordan (independent reference for full row rank). */
function rowGramInverseDiag(J: Float64Array, L: number, D: number): number[] {
  const G = Array.from({ length: L }, (_, i) => Array.from({ length: L }, (_, j) => {
    let s = 0;
    for (let k = 0; k < D; k++) s += J[i * D + k] * J[j * D + k];
    return s;
  }));
  const inv = G.map((_, i) => Array.from({ length: L }, (_, j) => (i === j ? 1 : 0)));
  for (let c = 0; c < L; c++) {
    const piv = G[c][c];
    for (let j = 0; j < L; j++) { G[c][j] /= piv; inv[c][j] /= piv; }
    for (let r = 0; r < L; r++) {
      if (r === c) continue;
      const f = G[r][c];
      for (let j = 0; j < L; j++) { G[r][j] -= f * G[c][j]; inv[r][j] -= f * inv[c][j]; }
    }
  }
  return inv.map((row, i) => row[i]);
}

describe('symmetricEigen', () => {
  it('reconstructs A = V Λ Vᵀ with orthonormal V', () => {
    // Arrange
    const n = 9;
    const g = gaussian(makeRng(7, 'eig'), n * n);
    const A = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => g[i * n + j] + g[j * n + i]));
    // Act
    const { values, vectors } = symmetricEigen(A);
    // Assert
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let a = 0;
        let o = 0;
        for (let k = 0; k < n; k++) {
          a += vectors[i][k] * values[k] * vectors[j][k];
          o += vectors[k][i] * vectors[k][j];
        }
        expect(Math.abs(a - A[i][j])).toBeLessThan(TOL.float64 * 100);
        expect(Math.abs(o - (i === j ? 1 : 0))).toBeLessThan(TOL.float64 * 100);
      }
    }
  });
});

describe('pinvColumnNorms', () => {
  it('equals sqrt([(J Jᵀ)⁻¹]_ii) for a wide full-rank J and is ≥ 1/‖J_i‖ (theory-spec §1.2)', () => {
    // Arrange
    const [L, D] = [5, 12];
    const J = gaussian(makeRng(3, 'J'), L * D);
    // Act
    const got = pinvColumnNorms(J, L, D);
    const ref = rowGramInverseDiag(J, L, D).map(Math.sqrt);
    // Assert
    for (let i = 0; i < L; i++) {
      expect(Math.abs(got[i] - ref[i]) / ref[i]).toBeLessThan(1e-9);
      let rowSq = 0;
      for (let k = 0; k < D; k++) rowSq += J[i * D + k] ** 2;
      expect(got[i] * Math.sqrt(rowSq)).toBeGreaterThanOrEqual(1 - 1e-12);
    }
  });

  it('handles zero rows (dead features: norm 0) and tall J (L > D) like the tall formula', () => {
    // Arrange: tall J = [A; 0] with A square invertible: J⁺ = [A⁻¹, 0], so ‖J⁺e_i‖ = ‖A⁻¹e_i‖ for i < D
    const D = 4;
    const A = gaussian(makeRng(4, 'A'), D * D);
    const J = new Float64Array((D + 2) * D);
    J.set(A);
    // Act
    const tall = pinvColumnNorms(J, D + 2, D);
    const square = pinvColumnNorms(A, D, D);
    // Assert
    for (let i = 0; i < D; i++) expect(Math.abs(tall[i] - square[i]) / square[i]).toBeLessThan(1e-9);
    expect(tall[D]).toBe(0);
    expect(tall[D + 1]).toBe(0);
  });
});
