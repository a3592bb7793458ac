import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../tensor/index.js';
import { analyticDense } from './analyticDense.js';

describe('analyticDense', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('divides the weight column of the largest |bias gradient| by it', () => {
    // Arrange: x = [2, −1, 0.5], ∂L/∂y = [0.1, −0.4] → ∂L/∂W = xᵀ∂L/∂y (tfjs [in, out])
    const x = [2, -1, 0.5];
    const dy = [0.1, -0.4];
    const grads = { 'fc.weight': tf.tensor2d(x.flatMap((xi) => dy.map((d) => xi * d)), [3, 2]), 'fc.bias': tf.tensor1d(dy) };
    // Act
    const r = analyticDense(grads, 'fc');
    tf.dispose(Object.values(grads));
    // Assert
    expect(r.column).toBe(1);
    r.input.forEach((v, i) => expect(v).toBeCloseTo(x[i], 6));
  });

  it('rejects missing tensors and an all-zero bias gradient', () => {
    const grads = { 'fc.weight': tf.zeros([3, 2]), 'fc.bias': tf.zeros([2]) };
    expect(() => analyticDense(grads, 'fc2')).toThrow(/needs weight/);
    expect(() => analyticDense(grads, 'fc')).toThrow(/every bias gradient/);
    tf.dispose(Object.values(grads));
  });
});
