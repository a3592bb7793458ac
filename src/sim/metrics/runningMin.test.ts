import { describe, expect, it } from 'vitest';
import { runningMin } from './runningMin.js';

describe('runningMin', () => {
  it('tracks the prefix minimum and the first iteration attaining it, labelled as using ground truth', () => {
    // Arrange
    const values = [5, 3, 4, 3, 1, 2];
    // Act
    const r = runningMin(values);
    // Assert
    expect(r).toEqual({ value: 1, iteration: 4, prefixMin: [5, 3, 3, 3, 1, 1], usesGroundTruth: true });
  });

  it('skips NaN iterations and rejects an empty trace', () => {
    // Arrange
    const values = [Number.NaN, 2, Number.NaN, 0.5];
    // Act
    const r = runningMin(values);
    // Assert
    expect(r.value).toBe(0.5);
    expect(r.iteration).toBe(3);
    expect(r.prefixMin[0]).toBeNaN();
    expect(r.prefixMin.slice(1)).toEqual([2, 2, 0.5]);
    expect(runningMin([Number.NaN]).iteration).toBe(-1);
    expect(() => runningMin([])).toThrow(RangeError);
  });
});
