import { describe, expect, it } from 'vitest';
import { fdJacobian } from './finiteDifference.js';
import { gaussLegendre } from './gaussLegendre.js';
import { makeTheoryRng } from './random.js';
import { decide } from './verdict.js';

describe('gaussLegendre', () => {
  it('integrates t^k on [0,1] exactly for k < 2n', () => {
    // Arrange
    const { nodes, weights } = gaussLegendre(64);
    // Act + Assert
    for (const k of [0, 1, 10, 63, 127]) {
      const q = nodes.reduce((s, t, i) => s + weights[i] * t ** k, 0);
      expect(Math.abs(q - 1 / (k + 1))).toBeLessThan(1e-14);
    }
  });
});

describe('fdJacobian', () => {
  it('matches the analytic Jacobian of a smooth map', () => {
    // Arrange
    const g = (x: readonly number[]): number[] => [Math.sin(x[0]) * x[1], Math.exp(x[1]) + x[0] ** 2];
    const x = [0.3, -0.7];
    const exact = [[Math.cos(x[0]) * x[1], Math.sin(x[0])], [2 * x[0], Math.exp(x[1])]];
    // Act
    const J = fdJacobian(g, x);
    // Assert
    J.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - exact[i][j])).toBeLessThan(1e-10)));
  });
});

describe('makeTheoryRng', () => {
  it('is deterministic per (seed, path) and differs across paths', () => {
    // Arrange
    const a = makeTheoryRng(3, 'x').normals(5);
    // Act
    const b = makeTheoryRng(3, 'x').normals(5);
    const c = makeTheoryRng(3, 'y').normals(5);
    // Assert
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe('decide', () => {
  it('margin is positive exactly when the claim holds, and non-finite sides are inapplicable', () => {
    // Act
    const ok = decide({ lhs: 2, rhs: 1, relation: '>=' });
    const bad = decide({ lhs: 1, rhs: 2, relation: '>=', counterexample: { x: 1 } });
    const le = decide({ lhs: 3, rhs: 1, relation: '<=' });
    const nan = decide({ lhs: Number.NaN, rhs: 1, relation: '>=' });
    // Assert
    expect(ok).toMatchObject({ status: 'holds', margin: 1 });
    expect(bad).toMatchObject({ status: 'violated', margin: -1, counterexample: { x: 1 } });
    expect(le).toMatchObject({ status: 'violated', margin: -2 });
    expect(nan.status).toBe('inapplicable');
  });
});
