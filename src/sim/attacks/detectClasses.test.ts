import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { detectClasses } from './detectClasses.js';

describe('detectClasses', () => {
  it('cuts at the largest ratio between consecutive sorted norms', () => {
    // Arrange: two large columns (classes 4 and 1), eight small ones
    const norms = [0.3, 5, 0.2, 0.25, 6, 0.1, 0.2, 0.3, 0.15, 0.2];
    // Act
    const present = detectClasses(norms);
    // Assert: by decreasing norm
    expect(present).toEqual([4, 1]);
  });

  it('declares every class present when no ratio reaches minRatio (IID-like update)', () => {
    const norms = [1, 1.2, 0.9, 1.1, 1.05];
    expect(detectClasses(norms, { kind: 'largestGap', minRatio: 2 })).toHaveLength(5);
    // sorted 1.2, 1.1, 1.05, 1, 0.9: the largest ratio (1/0.9 ≈ 1.11) drops only class 2
    expect(detectClasses(norms, { kind: 'largestGap', minRatio: 1.1 })).toEqual([1, 3, 4, 0]);
  });

  it('treats zero norms below a positive one as an infinite gap', () => {
    expect(detectClasses([0, 3, 0, 0])).toEqual([1]);
    expect(detectClasses([0, 0, 0])).toEqual([0, 1, 2]);
  });

  it('topK keeps the k largest, ties by lower class', () => {
    expect(detectClasses([2, 5, 2, 1], { kind: 'topK', k: 2 })).toEqual([1, 0]);
  });

  it('rejects bad norms and rules', () => {
    expect(() => detectClasses([])).toThrow(InputError);
    expect(() => detectClasses([1, Number.NaN])).toThrow(/finite/);
    expect(() => detectClasses([1, 2], { kind: 'topK', k: 3 })).toThrow(/topK\.k/);
    expect(() => detectClasses([1, 2], { kind: 'largestGap', minRatio: 1 })).toThrow(/minRatio/);
  });
});
