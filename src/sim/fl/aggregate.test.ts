import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, expectNoNewTensors, initBackend, paramsDigest, tf, toNumbers } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { aggregate } from './aggregate.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const map = (w: number[], b: number[], buf: number[]): ParamMap => ({ w: tf.tensor1d(w), b: tf.tensor1d(b), 'bn.running_var': tf.tensor1d(buf) });

describe('aggregate', () => {
  it('is the weighted sum for trainable entries and the normalised weighted mean for buffers', () => {
    expectNoNewTensors(() => {
      // Arrange
      const m1 = map([1, 2], [0], [1]);
      const m2 = map([3, 6], [4], [3]);
      // Act
      const out = aggregate([m1, m2], [0.5, 1.5], new Set(['bn.running_var']));
      // Assert
      expect(toNumbers(out.w)).toEqual([0.5 * 1 + 1.5 * 3, 0.5 * 2 + 1.5 * 6]);
      expect(toNumbers(out.b)).toEqual([1.5 * 4]);
      expect(toNumbers(out['bn.running_var'])[0]).toBeCloseTo((0.5 * 1 + 1.5 * 3) / 2, 6);
      [m1, m2, out].forEach(disposeParams);
    });
  });

  it('a single model with weight 1 comes back bit-identical, and inputs are not disposed', () => {
    // Arrange
    const m = map([0.1, -0.3], [2.5], [7]);
    // Act
    const out = aggregate([m], [1], new Set(['bn.running_var']));
    // Assert
    expect(paramsDigest(out)).toBe(paramsDigest(m));
    expect(m.w.isDisposed).toBe(false);
    [m, out].forEach(disposeParams);
  });

  it('rejects mismatched layouts, lengths and non-finite weights', () => {
    // Arrange
    const a = map([1, 2], [0], [1]);
    const b: ParamMap = { w: tf.tensor1d([1, 2, 3]), b: tf.tensor1d([0]), 'bn.running_var': tf.tensor1d([1]) };
    // Act / Assert
    expect(() => aggregate([a, b], [0.5, 0.5])).toThrow(/shape of 'w' differs/);
    expect(() => aggregate([a], [0.5, 0.5])).toThrow(/1 models but 2 weights/);
    expect(() => aggregate([a], [Number.NaN])).toThrow(/finite/);
    expect(() => aggregate([], [])).toThrow(/at least one/);
    [a, b].forEach(disposeParams);
  });
});
