import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, makeRng, gaussian, fromFloat64, toFloat64, toScalar, TOL } from '../../tensor/index.js';
import { totalVariation } from './totalVariation.js';
import { totalVariationFloat64 } from './totalVariationFloat64.js';

describe('totalVariationFloat64 (the GS closure fast path)', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('equals the tensor TV and its tape gradient, ties included', () => {
    // Arrange: Gaussian pixels, rounded to a coarse grid so that many neighbours tie (sign 0)
    const shape = [2, 4, 5, 3] as const;
    const data = gaussian(makeRng(3, 'test', 'tv64'), 2 * 4 * 5 * 3).map((v) => Math.round(v * 2) / 2);
    const x = fromFloat64(data, shape) as tf.Tensor4D;
    const { value, grad } = tf.valueAndGrad((a: tf.Tensor) => totalVariation(a as tf.Tensor4D))(x);
    const [refValue, refGrad] = [toScalar(value), toFloat64(grad)];
    tf.dispose([x, value, grad]);
    // Act
    const ours = totalVariationFloat64(data, shape);
    // Assert
    expect(Math.abs(ours.value - refValue)).toBeLessThan(TOL.float32 * refValue);
    ours.grad.forEach((g, i) => expect(Math.abs(g - refGrad[i])).toBeLessThan(TOL.float32));
  });

  it('is 3 on [[0, 1], [3, 3]]: mean |row differences| 1/2 + mean |column differences| 5/2', () => {
    // Arrange
    const x = Float64Array.from([0, 1, 3, 3]);
    // Act
    const { value, grad } = totalVariationFloat64(x, [1, 2, 2, 1]);
    // Assert: ∂/∂x00 = (−1 − 1)/2, ∂/∂x01 = (1 − 1)/2, ∂/∂x10 = (0 + 1)/2, ∂/∂x11 = (0 + 1)/2
    expect(value).toBeCloseTo(3, 12);
    expect([...grad]).toEqual([-1, 0, 0.5, 0.5]);
  });

  it('rejects a shape that does not match the data or has fewer than 2 rows', () => {
    expect(() => totalVariationFloat64(new Float64Array(4), [1, 1, 4, 1])).toThrow(/H, W ≥ 2/);
    expect(() => totalVariationFloat64(new Float64Array(5), [1, 2, 2, 1])).toThrow(/5 values/);
  });
});
