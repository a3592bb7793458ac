/** Tests of the seeded random tensors (thin wrappers over samplers.ts). */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.js';
import { makeRng } from './rng.js';
import { gaussian, laplace, uniform } from './samplers.js';
import { readFloat32 } from './convert.js';
import { liveTensors } from './testing.js';
import { randomLaplaceTensor, randomNormalTensor, randomUniformTensor } from './randomTensor.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('random tensors', () => {
  it.each([
    ['randomNormalTensor', () => randomNormalTensor(makeRng(1, 't'), [4, 5], 0.5, 2), () => gaussian(makeRng(1, 't'), 20, 0.5, 2)],
    ['randomUniformTensor', () => randomUniformTensor(makeRng(1, 't'), [4, 5], -0.5, 0.5), () => uniform(makeRng(1, 't'), 20, -0.5, 0.5)],
    ['randomLaplaceTensor', () => randomLaplaceTensor(makeRng(1, 't'), [4, 5], 0, 3), () => laplace(makeRng(1, 't'), 20, 0, 3)],
  ])('%s is float32 of the given shape, holding the sampler values rounded to float32', (_name, make, reference) => {
    // Arrange
    const before = liveTensors();
    // Act
    const t = make();
    // Assert: exactly one new tensor (the caller's), values = fround(sampler draws from the same stream).
    expect(liveTensors()).toBe(before + 1);
    expect(t.dtype).toBe('float32');
    expect(t.shape).toEqual([4, 5]);
    expect(Array.from(readFloat32(t))).toEqual(Array.from(reference(), Math.fround));
    t.dispose();
  });

  it('accepts empty and scalar shapes', () => {
    // Arrange / Act
    const empty = randomNormalTensor(makeRng(2), [0, 3]);
    const scalar = randomUniformTensor(makeRng(2), []);
    // Assert
    expect(empty.size).toBe(0);
    expect(scalar.shape).toEqual([]);
    empty.dispose();
    scalar.dispose();
  });

  it('rejects invalid shapes and parameters without creating tensors', () => {
    // Arrange
    const before = liveTensors();
    // Act / Assert
    expect(() => randomNormalTensor(makeRng(3), [2, -1])).toThrow(/^randomNormalTensor: shape/);
    expect(() => randomUniformTensor(makeRng(3), [1.5])).toThrow(RangeError);
    expect(() => randomLaplaceTensor(makeRng(3), [2], 0, -1)).toThrow(/^laplace: scale/);
    expect(liveTensors()).toBe(before);
  });
});
