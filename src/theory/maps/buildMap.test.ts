import { describe, expect, it } from 'vitest';
import { averagedJacobian } from '../correctedBounds.js';
import { frobenius, identity, matMul, matVec, subMat, subVec, vecNorm } from '../dense.js';
import { fdJacobian } from '../finiteDifference.js';
import { buildMap, samplePoint, type MapFamily } from './buildMap.js';

const FAMILIES: MapFamily[] = ['affine', 'leakyReluMlp', 'tanhMlp', 'smoothMlp', 'coupling'];

describe('buildMap families', () => {
  for (const family of FAMILIES) {
    it(`${family}: inverse, Jacobian and inverse Jacobian are consistent`, () => {
      // Arrange
      const spec = { family, dim: 5, kappa: 100, depth: 2, param: family === 'leakyReluMlp' ? 0.1 : 0.5, seed: 11 };
      const map = buildMap(spec);
      const x = samplePoint(spec, 3);
      // Act
      const r = map.f(x);
      const back = map.inverse?.(r) ?? [];
      const J = map.jacobian(x);
      const Jfd = fdJacobian(map.f, x);
      // Assert
      expect(vecNorm(subVec(back, x), 2)).toBeLessThan(1e-10);
      expect(frobenius(subMat(J, Jfd))).toBeLessThan(1e-6 * frobenius(J));
      if (map.inverseJacobian) expect(frobenius(subMat(matMul(map.inverseJacobian(r), J), identity(5)))).toBeLessThan(1e-10);
    });
  }

  it('leaky-ReLU: exact kink splitting makes Ā(X − X′) = f(X) − f(X′)', () => {
    // Arrange
    const spec = { family: 'leakyReluMlp' as const, dim: 4, kappa: 10, depth: 3, param: 0.1, seed: 2 };
    const map = buildMap(spec);
    const X = samplePoint(spec, 1);
    const Xp = samplePoint(spec, 2);
    const pair = { X, Xp, r: map.f(X), rp: map.f(Xp) };
    // Act
    const Abar = averagedJacobian(map, pair);
    // Assert
    expect(map.kinks?.(Xp, X).length).toBeGreaterThan(0);
    expect(vecNorm(subVec(matVec(Abar, subVec(X, Xp)), subVec(pair.r, pair.rp)), 2)).toBeLessThan(1e-12 * vecNorm(pair.r, 2) + 1e-12);
  });
});
