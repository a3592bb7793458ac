import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, makeRng, gaussian, fromFloat64, toFloat64, toScalar, expectNoNewTensors, TOL } from '../../tensor/index.js';
import { totalVariation } from './totalVariation.js';

// Direct loop over NHWC: mean |horizontal differences| + mean |vertical differences|.
function tvLoop(x: Float32Array, [b, h, w, c]: readonly number[]): number {
  const at = (n: number, i: number, j: number, k: number): number => x[((n * h + i) * w + j) * c + k];
  let [dx, dy] = [0, 0];
  for (let n = 0; n < b; n++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) for (let k = 0; k < c; k++) {
    if (j + 1 < w) dx += Math.abs(at(n, i, j + 1, k) - at(n, i, j, k));
    if (i + 1 < h) dy += Math.abs(at(n, i + 1, j, k) - at(n, i, j, k));
  }
  return dx / (b * h * (w - 1) * c) + dy / (b * (h - 1) * w * c);
}

describe('totalVariation (inversefed anisotropic TV)', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('equals a direct loop of mean absolute x and y differences', () => {
    // Arrange
    const shape = [2, 4, 5, 3] as const;
    const data = Float32Array.from(gaussian(makeRng(1, 'test', 'tv'), 2 * 4 * 5 * 3));
    const x = fromFloat64(data, shape) as tf.Tensor4D;
    // Act
    const tv = expectNoNewTensors(() => { const t = totalVariation(x); const v = toScalar(t); t.dispose(); return v; });
    x.dispose();
    // Assert
    expect(Math.abs(tv - tvLoop(data, shape))).toBeLessThan(TOL.float32 * tv);
  });

  it('has gradient sign(difference), 0 on a constant image (PyTorch abs, not tfjs Abs at 0)', () => {
    // Arrange: a constant image (all differences 0) and a horizontal ramp (dx > 0, dy = 0)
    const flat = tf.fill([1, 3, 3, 1], 0.5) as tf.Tensor4D;
    const ramp = fromFloat64([0, 1, 2, 0, 1, 2, 0, 1, 2], [1, 3, 3, 1]) as tf.Tensor4D;
    const grad = (x: tf.Tensor4D): Float64Array => {
      const g = tf.grad((a: tf.Tensor) => totalVariation(a as tf.Tensor4D))(x);
      const v = toFloat64(g);
      g.dispose();
      return v;
    };
    // Act
    const [gFlat, gRamp] = [grad(flat), grad(ramp)];
    tf.dispose([flat, ramp]);
    // Assert: ramp: ∂/∂x of mean_6 (x[j+1] − x[j]) is (−1, 0, +1)/6 per row
    expect([...gFlat]).toEqual(new Array(9).fill(0));
    [...gRamp].forEach((g, i) => expect(Math.abs(g - [-1, 0, 1][i % 3] / 6)).toBeLessThan(TOL.float32));
  });

  it('rejects images with fewer than 2 rows or columns', () => {
    const x = tf.zeros([1, 1, 4, 1]) as tf.Tensor4D;
    expect(() => totalVariation(x)).toThrow(/H, W ≥ 2/);
    x.dispose();
  });
});
