import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { initBackend } from '../backend.js';
import { makeRng } from '../rng.js';
import { TOL } from '../tolerances.js';
import { conv2dPt, setConvBiasFastPath } from '../ops.js';
import { maxRelativeError } from '../testing.js';

// conv2dPt's fused conv + bias kernel (SoteriaConv2DBias) against its reference path
// (conv2d + add, `setConvBiasFastPath(false)`) on cpu and wasm, random shapes (seeded): the value,
// the first-order gradients in x, w and b, and a second-order gradient (∇x of ‖∇w L‖², the shape
// of a DLG objective), so the fused kernel's registered gradient must itself be differentiable.

const SEED = 20261127;

interface Case { n: number; h: number; w: number; ci: number; co: number; k: number; stride: number; pad: number; seed: number }

const caseArb: fc.Arbitrary<Case> = fc.record({
  n: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 3, max: 9 }), w: fc.integer({ min: 3, max: 9 }),
  ci: fc.constantFrom(1, 3, 5), co: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 3 }),
  stride: fc.constantFrom(1, 2), pad: fc.constantFrom(0, 1, 2), seed: fc.nat({ max: 1_000_000 }),
});

function values(shape: number[], seed: number, tag: string): tf.Tensor {
  const rng = makeRng(seed, 'conv2dBias.test', tag);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1), shape);
}

/** [value, ∇x, ∇w, ∇b, ∇x‖∇w L‖²] of L = Σ v ⊙ sigmoid(conv2dPt(x, w, b)). */
function quantities(c: Case): Float32Array[] {
  return tf.tidy(() => {
    const x = values([c.n, c.h, c.w, c.ci], c.seed, 'x') as tf.Tensor4D;
    const w = values([c.k, c.k, c.ci, c.co], c.seed, 'w') as tf.Tensor4D;
    const b = values([c.co], c.seed, 'b') as tf.Tensor1D;
    const y = conv2dPt(x, w, b, c.stride, c.pad);
    const v = values(y.shape, c.seed, 'v');
    const loss = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor): tf.Scalar =>
      tf.sum(tf.mul(tf.sigmoid(conv2dPt(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D, c.stride, c.pad)), v));
    const first = tf.grads(loss)([x, w, b]);
    const second = tf.grad((xx: tf.Tensor) => tf.sum(tf.square(tf.grads((ww: tf.Tensor) => loss(xx, ww, b))([w])[0])))(x);
    return [y, ...first, second].map((t) => t.dataSync() as Float32Array);
  });
}

describe('conv2dPt fused conv + bias fast path', () => {
  afterAll(() => {
    setConvBiasFastPath(true);
  });

  it.each(['cpu', 'wasm'] as const)('%s: value and first/second-order gradients equal the conv2d + add path', async (backend) => {
    await initBackend(backend);
    fc.assert(fc.property(caseArb.filter((c) => c.h + 2 * c.pad >= c.k && c.w + 2 * c.pad >= c.k), (c) => {
      // Arrange
      setConvBiasFastPath(false);
      const reference = quantities(c);
      setConvBiasFastPath(true);
      // Act
      const fused = quantities(c);
      // Assert
      reference.forEach((r, i) => expect(maxRelativeError(r, fused[i])).toBeLessThan(TOL.float32));
    }), { seed: SEED, numRuns: 20 });
  });

  it('wasm: int32 inputs still get tfjs\'s float32 error instead of being read as floats', async () => {
    // Arrange
    await initBackend('wasm');
    const x = tf.zeros([1, 4, 4, 1], 'int32') as tf.Tensor4D;
    const w = tf.zeros([3, 3, 1, 2], 'int32') as tf.Tensor4D;
    const b = tf.zeros([2], 'int32') as tf.Tensor1D;
    // Act / Assert
    expect(() => conv2dPt(x, w, b, 1, 1)).toThrow(/float32/);
    tf.dispose([x, w, b]);
  });
});
