import { describe, expect, it } from 'vitest';
import { mseRatio, type DefensePoint } from './mseRatio.js';

describe('mseRatio (the "up to 160×" of Fig. 5)', () => {
  // Arrange: undefended accuracy 0.90, tolerance 0.02 ⇒ a setting counts when accuracy ≥ 0.88.
  const points: DefensePoint[] = [
    { family: 'soteria', value: 10, mse: 2, accuracy: 0.9 },
    { family: 'soteria', value: 40, mse: 5, accuracy: 0.85 }, // larger MSE but loses accuracy: excluded
    { family: 'gc', value: 20, mse: 0.5, accuracy: 0.89 },
    { family: 'gc', value: 80, mse: 3, accuracy: 0.7 }, // excluded
    { family: 'dpGaussian', value: 0.1, mse: 1, accuracy: 0.5 }, // no eligible setting at all
    { family: 'dpLaplace', value: 0.001, mse: 0.25, accuracy: 0.95 },
    { family: 'dpLaplace', value: 0.01, mse: null, accuracy: 0.95 }, // no MSE: ignored
  ];

  it('takes each family\'s largest no-loss MSE and divides Soteria\'s by each baseline\'s', () => {
    // Act
    const r = mseRatio(points, 0.9, 0.02);
    // Assert
    const by = Object.fromEntries(r.perBaseline.map((b) => [b.baseline, b]));
    expect(r.threshold).toBeCloseTo(0.88, 12);
    expect(by.gc.soteria).toEqual({ mse: 2, value: 10 });
    expect(by.gc.other).toEqual({ mse: 0.5, value: 20 });
    expect(by.gc.ratio).toBe(4); // 2 / 0.5
    expect(by.dpLaplace.ratio).toBe(8); // 2 / 0.25
    expect(by.dpGaussian.ratio).toBeNull();
    expect(r.upTo).toBe(8);
  });

  it('gives no ratio when Soteria has no setting without accuracy loss', () => {
    // Act
    const r = mseRatio(points, 0.99, 0.01);
    // Assert
    expect(r.upTo).toBeNull();
    expect(r.perBaseline.every((b) => b.ratio === null && b.soteria === null)).toBe(true);
  });
});
