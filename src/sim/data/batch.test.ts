import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { initBackend } from '../../tensor/backend.js';
import { toNumbers } from '../../tensor/convert.js';
import { liveTensors } from '../../tensor/testing.js';
import { tf } from '../../tensor/tf.js';
import { oneHot, toBatch } from './batch.js';
import { subset } from './subset.js';
import type { Dataset } from './types.js';

/** 4 images of 2×2×3 whose value at (n, flat j) is (n·12 + j) / 100. */
const ds: Dataset = {
  name: 'tiny',
  images: Float32Array.from({ length: 4 * 12 }, (_, i) => i / 100),
  labels: Uint8Array.from([2, 0, 1, 2]),
  shape: [2, 2, 3],
  numClasses: 3,
  source: 'test',
};

beforeAll(async () => {
  await initBackend('cpu');
});

describe('toBatch', () => {
  it('gathers the indexed images (NHWC) and int32 labels; caller owns exactly two tensors', () => {
    // Arrange
    const before = liveTensors();
    // Act
    const { x, y } = toBatch(ds, [3, 1, 3]);
    // Assert
    expect(liveTensors() - before).toBe(2);
    expect(x.shape).toEqual([3, 2, 2, 3]);
    expect(x.dtype).toBe('float32');
    expect(y.dtype).toBe('int32');
    expect(toNumbers(y)).toEqual([2, 0, 2]);
    const xs = toNumbers(x);
    expect(xs.slice(0, 12)).toEqual(Array.from(ds.images.subarray(36, 48)));
    expect(xs.slice(12, 24)).toEqual(Array.from(ds.images.subarray(12, 24)));
    x.dispose();
    y.dispose();
  });

  it('rejects indices outside the dataset', () => {
    // Arrange / Act / Assert
    expect(() => toBatch(ds, [0, 4])).toThrow(InputError);
    expect(() => toBatch(ds, [-1])).toThrow(/index 0 out of range \(got -1, expected an integer in \[0, 4\)\)/);
  });
});

describe('oneHot', () => {
  it('rows of one 1 at the label, float32, no leaked intermediates', () => {
    // Arrange
    const y = tf.tensor1d([2, 0], 'int32');
    const before = liveTensors();
    // Act
    const h = oneHot(y, 3);
    // Assert
    expect(liveTensors() - before).toBe(1);
    expect(h.dtype).toBe('float32');
    expect(toNumbers(h)).toEqual([0, 0, 1, 1, 0, 0]);
    h.dispose();
    y.dispose();
  });
});

describe('subset', () => {
  it('copies the selected samples in order', () => {
    // Arrange / Act
    const s = subset(ds, [2, 0]);
    // Assert
    expect(Array.from(s.labels)).toEqual([1, 2]);
    expect(Array.from(s.images)).toEqual([...ds.images.subarray(24, 36), ...ds.images.subarray(0, 12)]);
    expect(s.shape).toEqual(ds.shape);
    expect(s.images.buffer).not.toBe(ds.images.buffer);
  });
});
