import { describe, expect, it } from 'vitest';
import { frobenius, identity, matMul, subMat, transpose } from './dense.js';
import { eigsSym, invReference } from './linalg.js';
import { luFactor } from './lu.js';
import { makeTheoryRng } from './random.js';
import { pinv, singularValues, svd } from './svd.js';

const U = 2.220446049250313e-16;
const randomMatrix = (m: number, n: number, seed: number): number[][] => {
  const rng = makeTheoryRng(seed, 'test', m, n);
  return Array.from({ length: m }, () => rng.normals(n));
};

describe('svd (one-sided Jacobi)', () => {
  for (const [m, n] of [[5, 3], [3, 5], [7, 7], [1, 4]] as const) {
    it(`reconstructs a ${m}×${n} matrix and matches eigenvalues of AᵀA`, () => {
      // Arrange
      const A = randomMatrix(m, n, 1);
      // Act
      const { U: Uf, s, V } = svd(A);
      const rec = matMul(matMul(Uf, s.map((x, i) => s.map((_, j) => (i === j ? x : 0)))), transpose(V));
      const AtA = m >= n ? matMul(transpose(A), A) : matMul(A, transpose(A));
      const eig = eigsSym(AtA).reverse().map(Math.sqrt);
      // Assert
      expect(frobenius(subMat(rec, A))).toBeLessThan(100 * U * frobenius(A));
      s.forEach((x, i) => expect(Math.abs(x - eig[i])).toBeLessThan(1e-10 * s[0]));
      expect(frobenius(subMat(matMul(transpose(V), V), identity(s.length)))).toBeLessThan(1e-12);
    });
  }

  it('singularValues (no vectors) equals svd(A).s exactly, tall, wide and ill-conditioned', () => {
    // Arrange: the last case scales one column by 1e-9 (κ ≈ 1e9).
    const cases = [randomMatrix(6, 4, 3), randomMatrix(4, 9, 4), randomMatrix(12, 12, 5).map((row) => row.map((x, j) => (j === 0 ? x * 1e-9 : x)))];
    for (const A of cases) {
      // Act
      const s = singularValues(A);
      // Assert
      expect(s).toEqual(svd(A).s);
      expect(s).toHaveLength(Math.min(A.length, A[0].length));
    }
  });

  it('pinv satisfies the Moore–Penrose identities', () => {
    // Arrange
    const A = randomMatrix(3, 6, 2);
    // Act
    const P = pinv(A);
    // Assert
    expect(frobenius(subMat(matMul(matMul(A, P), A), A))).toBeLessThan(1e-12);
    expect(frobenius(subMat(matMul(matMul(P, A), P), P))).toBeLessThan(1e-12);
    expect(frobenius(subMat(matMul(A, P), identity(3)))).toBeLessThan(1e-12);
  });
});

describe('luFactor', () => {
  it('solves like mathjs inv and flags a singular matrix', () => {
    // Arrange
    const A = randomMatrix(6, 6, 3);
    const S = [[1, 2], [2, 4]];
    // Act
    const X = luFactor(A).solveMat(identity(6));
    // Assert
    expect(frobenius(subMat(X, invReference(A)))).toBeLessThan(1e-10 * frobenius(X));
    expect(luFactor(S).singular).toBe(true);
  });

  it('solveMat (all columns at once) equals solve column by column, bit for bit', () => {
    // Arrange
    const lu = luFactor(randomMatrix(9, 9, 4));
    const B = randomMatrix(9, 4, 5);
    // Act
    const X = lu.solveMat(B);
    // Assert
    for (let j = 0; j < 4; j++) expect(X.map((row) => row[j])).toEqual(lu.solve(B.map((row) => row[j])));
  });
});
