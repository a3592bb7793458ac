/** Tests of the tensor ↔ JS conversions (the only dataSync call sites). */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from './tf.js';
import { initBackend } from './backend.js';
import { makeRng } from './rng.js';
import { gaussian } from './samplers.js';
import { fromFloat64, readFloat32, toFloat64, toNumbers, toScalar } from './convert.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('fromFloat64 / toFloat64', () => {
  it('round-trip to the nearest float32 (relative error ≤ 2^-24)', () => {
    // Arrange: values spanning several binades
    const rng = makeRng(1, 'convert');
    const x = gaussian(rng, 600).map((v, i) => v * 10 ** ((i % 7) - 3));
    // Act
    const t = fromFloat64(x, [20, 30]);
    const back = toFloat64(t);
    t.dispose();
    // Assert: round-to-nearest float32 (Math.fround is the IEEE reference), hence ≤ half an ulp.
    expect(Array.from(back)).toEqual(Array.from(x, Math.fround));
    expect(back.every((v, i) => Math.abs(v - x[i]) <= 2 ** -24 * Math.abs(x[i]))).toBe(true);
  });

  it('fromFloat64 makes a float32 tensor of the given shape and rejects a wrong size', () => {
    // Arrange / Act
    const t = fromFloat64([1, 2, 3, 4, 5, 6], [2, 3]);
    // Assert
    expect(t.dtype).toBe('float32');
    expect(t.shape).toEqual([2, 3]);
    t.dispose();
    expect(() => fromFloat64([1, 2, 3], [2, 2])).toThrow();
  });
});

describe('readFloat32 / toNumbers', () => {
  it('return copies in row-major order; mutating them does not touch the tensor', () => {
    // Arrange
    const t = tf.tensor([[1.5, -2], [3, 4.25]]);
    // Act
    const f = readFloat32(t);
    f[0] = 99;
    const n = toNumbers(t);
    // Assert
    expect(n).toEqual([1.5, -2, 3, 4.25]);
    expect(toFloat64(t)).toEqual(Float64Array.from([1.5, -2, 3, 4.25]));
    t.dispose();
  });

  it('convert int32 tensors to numbers', () => {
    // Arrange
    const t = tf.tensor([3, -7], [2], 'int32');
    // Act / Assert
    expect(Array.from(readFloat32(t))).toEqual([3, -7]);
    expect(toNumbers(t)).toEqual([3, -7]);
    t.dispose();
  });
});

describe('toScalar', () => {
  it('reads size-1 tensors of any rank', () => {
    // Arrange
    const ts = [tf.scalar(2.5), tf.tensor([[2.5]])];
    // Act / Assert
    for (const t of ts) expect(toScalar(t)).toBe(2.5);
    ts.forEach((t) => t.dispose());
  });

  it('rejects non-scalars, naming the shape', () => {
    // Arrange
    const t = tf.tensor([1, 2]);
    // Act / Assert
    expect(() => toScalar(t)).toThrow(/^toScalar: .*\[2\]/);
    t.dispose();
  });
});
