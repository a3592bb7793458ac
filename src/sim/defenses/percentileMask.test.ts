import { describe, expect, it } from 'vitest';
import { numpyPercentile } from './numpyPercentile.js';
import { exactPruneCount, percentileMask } from './percentileMask.js';

/** np.percentile(values, p) as printed by numpy 2.4.6 (float64), including its NaN/∞ edge cases. */
const NUMPY_CASES: ReadonlyArray<readonly [number[], number, number]> = [
  [[3, 1, 2], 33.333, 1.6666599999999998],
  [[0, 0, 0, 1, 2], 40, 0],
  [[0, 0, 0, 1, 2], 60, 0.3999999999999999],
  [[5, -1, 2, 7, 7, 0.5], 25, 0.875],
  [[5, -1, 2, 7, 7, 0.5], 90, 7],
  [[1, 2, Infinity], 60, Infinity],
  [[1, 2, Infinity], 50, NaN],
  [[1, Infinity], 100, NaN],
  [[4], 37, 4],
  [[1, 2, 3, 4], 100, 4],
  [[1, 2, 3, 4], 0, 1],
  [[0.1, 0.2, 0.3, 0.7], 70, 0.33999999999999986],
  [[1, NaN, 3], 50, NaN],
];

describe('numpyPercentile', () => {
  it.each(NUMPY_CASES)('np.percentile(%j, %d) = %d', (values, p, expected) => {
    // Arrange / Act
    const got = numpyPercentile(values, p);
    // Assert
    expect(Object.is(got, expected) || got === expected).toBe(true);
  });
});

describe('percentileMask', () => {
  it("official rule keeps features tied at the threshold (ReLU zeros) and compares |s|", () => {
    // Arrange: half the scores are exactly 0, as for dead ReLU units under the GS score
    const scores = [0, 0, 0, 0, 0, 3, 1, 2, 5, 4];
    // Act
    const at40 = percentileMask(scores, 40, 'official');
    const at60 = percentileMask(scores, 60, 'official');
    // Assert: percentile(40) = 0 prunes nothing; percentile(60) = 1.4 prunes the zeros and the 1
    expect(at40.count).toBe(0);
    expect(at60.threshold).toBeCloseTo(1.4, 12);
    expect(Array.from(at60.pruned)).toEqual([1, 1, 1, 1, 1, 0, 1, 0, 0, 0]);
  });

  it('official rule: a NaN score (0/0) makes the threshold NaN and nothing is pruned', () => {
    // Arrange / Act
    const m = percentileMask([1, 2, NaN, 4], 80, 'official');
    // Assert
    expect(Number.isNaN(m.threshold)).toBe(true);
    expect(m.count).toBe(0);
  });

  it('exact rule prunes ⌊p·L/100⌋ lowest |s|, ties by lower index, NaN last', () => {
    // Arrange
    const scores = [2, 0, NaN, 0, -1, 0, 5];
    // Act
    const m = percentileMask(scores, 50, 'exact'); // ⌊3.5⌋ = 3
    const all = percentileMask(scores, 100, 'exact');
    // Assert
    expect(m.count).toBe(3);
    expect(Array.from(m.pruned)).toEqual([0, 1, 0, 1, 0, 1, 0]);
    expect(all.count).toBe(7);
  });

  it('exactPruneCount is robust to rounding of p·L/100', () => {
    // Arrange / Act / Assert
    expect(exactPruneCount(29, 100)).toBe(29);
    expect(exactPruneCount(40, 768)).toBe(307);
    expect(exactPruneCount(0.1 * 3 * 100, 10)).toBe(3); // 30.000000000000004 % of 10
    expect(exactPruneCount(0, 768)).toBe(0);
  });
});
