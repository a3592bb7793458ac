/**
 * The convolution derivatives of the hand-derived double backprop (src/sim/attacks/convVjp.ts)
 * against tfjs's own gradient of `conv2dPt` (PyTorch padding), on cpu and wasm, for random
 * geometries: batch 1–2, sizes 1–9, kernels 1–5, strides 1–3, pads 0–3 (including pads ≥ k,
 * where whole windows lie in the padding, and sizes the stride does not divide):
 *  - convInputGrad(dy, transposedConvFilter(W, s)) = ∂⟨dy, conv(x, W)⟩/∂x (the polyphase
 *    transposed convolution);
 *  - convFilterGrad(x, dy) = ∂⟨dy, conv(x, W)⟩/∂W.
 * Metric: max |difference| relative to the reference's max |entry|, bound TOL.float32.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, expectNoNewTensors, makeRng, gaussian, toFloat64, TOL } from '../../src/tensor/index.js';
import { conv2dPt } from '../../src/tensor/ops.js';
import { convFilterGrad, convInputGrad, transposedConvFilter } from '../../src/sim/attacks/convVjp.js';

const geometryArb = fc.record({
  n: fc.integer({ min: 1, max: 2 }), h: fc.integer({ min: 1, max: 9 }), w: fc.integer({ min: 1, max: 9 }),
  ci: fc.integer({ min: 1, max: 3 }), co: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 1, max: 5 }),
  stride: fc.integer({ min: 1, max: 3 }), pad: fc.integer({ min: 0, max: 3 }), seed: fc.nat(),
}).filter((g) => g.h + 2 * g.pad >= g.k && g.w + 2 * g.pad >= g.k);

function scaledMaxError(actual: Float64Array, expected: Float64Array): number {
  const scale = Math.max(...expected.map(Math.abs), 1e-30);
  return Math.max(...actual.map((a, i) => Math.abs(a - expected[i]))) / scale;
}

describe.each(['cpu', 'wasm'] as const)('conv derivatives on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('convInputGrad and convFilterGrad equal the gradients of conv2dPt', () => {
    fc.assert(fc.property(geometryArb, (g) => expectNoNewTensors(() => {
      // Arrange
      const draw = (name: string, shape: number[]): tf.Tensor => tf.tensor(Float32Array.from(gaussian(makeRng(g.seed, name), shape.reduce((a, b) => a * b, 1))), shape);
      const ho = Math.floor((g.h + 2 * g.pad - g.k) / g.stride) + 1;
      const wo = Math.floor((g.w + 2 * g.pad - g.k) / g.stride) + 1;
      const x = draw('x', [g.n, g.h, g.w, g.ci]) as tf.Tensor4D;
      const wt = draw('w', [g.k, g.k, g.ci, g.co]) as tf.Tensor4D;
      const dy = draw('dy', [g.n, ho, wo, g.co]) as tf.Tensor4D;
      const bias = tf.zeros([g.co]) as tf.Tensor1D;
      const f = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => tf.sum(tf.mul(conv2dPt(a as tf.Tensor4D, b as tf.Tensor4D, bias, g.stride, g.pad), dy));
      // Act
      const [refX, refW] = tf.grads(f)([x, wt]);
      const dx = tf.tidy(() => convInputGrad(dy, transposedConvFilter(wt, g.stride), x.shape, g.stride, g.pad));
      const dw = convFilterGrad(x, dy, g.k, g.stride, g.pad);
      const errX = scaledMaxError(toFloat64(dx), toFloat64(refX));
      const errW = scaledMaxError(toFloat64(dw), toFloat64(refW));
      const shapeX = dx.shape.join('x');
      tf.dispose([x, wt, dy, bias, refX, refW, dx, dw]);
      // Assert
      expect(shapeX).toBe([g.n, g.h, g.w, g.ci].join('x'));
      expect(errX).toBeLessThan(TOL.float32);
      expect(errW).toBeLessThan(TOL.float32);
    })));
  });
});
