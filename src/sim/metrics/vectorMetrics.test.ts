import { describe, expect, it } from 'vitest';
import { TOL } from '../../tensor/tolerances.js';
import { correlation } from './correlation.js';
import { featureMse } from './featureMse.js';
import { labelAccuracy } from './labelAccuracy.js';

describe('featureMse', () => {
  it('is the mean squared difference and rejects length mismatches and non-finite entries', () => {
    // Arrange
    const r1 = [1, 2, 3, 4];
    const r2 = new Float32Array([1, 0, 3, 5]);
    // Act
    const v = featureMse(r1, r2);
    // Assert: (0 + 4 + 0 + 1) / 4
    expect(Math.abs(v - 1.25)).toBeLessThan(TOL.float64);
    expect(() => featureMse([1, 2], [1])).toThrow(RangeError);
    expect(() => featureMse([1, Number.NaN], [1, 2])).toThrow(/not finite/);
  });
});

describe('labelAccuracy', () => {
  it('is the fraction of equal labels', () => {
    // Arrange
    const pred = [3, 1, 4, 1, 5];
    const truth = new Uint8Array([3, 1, 4, 2, 6]);
    // Act / Assert
    expect(labelAccuracy(pred, truth)).toBe(3 / 5);
    expect(() => labelAccuracy([], [])).toThrow(RangeError);
    expect(() => labelAccuracy([0.5], [0])).toThrow(/integers/);
  });
});

describe('correlation', () => {
  it('is ±1 for affine relations, 0 for orthogonal centred vectors, NaN for a constant input', () => {
    // Arrange
    const a = [1, 2, 3, 4, 5];
    // Act / Assert
    expect(Math.abs(correlation(a, a.map((x) => 3 * x - 7)) - 1)).toBeLessThan(TOL.float64);
    expect(Math.abs(correlation(a, a.map((x) => -0.5 * x + 2)) + 1)).toBeLessThan(TOL.float64);
    expect(Math.abs(correlation([1, -1, 1, -1], [1, 1, -1, -1]))).toBeLessThan(TOL.float64);
    expect(correlation(a, [2, 2, 2, 2, 2])).toBeNaN();
  });

  it('matches the textbook formula on a worked example', () => {
    // Arrange: x̄ = 2, ȳ = 3, so dx = [-1, 0, 1], dy = [-2, 1, 1]
    const x = [1, 2, 3];
    const y = [1, 4, 4];
    // Act
    const r = correlation(x, y);
    // Assert: Σdxdy = 3, Σdx² = 2, Σdy² = 6 → 3/√12
    expect(Math.abs(r - 3 / Math.sqrt(12))).toBeLessThan(TOL.float64);
  });
});
