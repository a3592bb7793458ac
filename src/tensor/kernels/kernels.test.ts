import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { setPatches } from '../patches.js';
import { initBackend } from '../backend.js';
import { makeRng } from '../rng.js';
import { maxRelativeError } from '../testing.js';

// Every patched kernel is checked against the stock cpu kernels on the same inputs: conv
// gradients (which run Conv2DBackpropInput/Filter) over strides, paddings and odd sizes, and
// matMul in all transpose combinations (BatchMatMul).

const CONV_CASES: ReadonlyArray<{ s: number; pad: 'same' | 'valid' | number; hw: number; k: number }> = [
  { s: 1, pad: 2, hw: 9, k: 5 }, { s: 2, pad: 2, hw: 9, k: 5 }, { s: 1, pad: 'same', hw: 8, k: 3 },
  { s: 2, pad: 'valid', hw: 10, k: 3 }, { s: 2, pad: 'same', hw: 7, k: 5 }, { s: 1, pad: 'valid', hw: 6, k: 3 },
];

function values(shape: number[], seed: number): tf.Tensor {
  const rng = makeRng(seed, 'kernels.test');
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => rng.next() * 2 - 1), shape);
}

function workload(): Float32Array[] {
  return tf.tidy(() => {
    const out: Float32Array[] = [];
    CONV_CASES.forEach(({ s, pad, hw, k }, i) => {
      const x = values([2, hw, hw, 3], 10 * i + 1) as tf.Tensor4D;
      const w = values([k, k, 3, 4], 10 * i + 2) as tf.Tensor4D;
      const dy = values(tf.conv2d(x, w, s, pad).shape, 10 * i + 3);
      const f = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, s, pad), dy));
      for (const g of tf.grads(f)([x, w])) out.push(g.dataSync() as Float32Array);
    });
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      const a = values(ta ? [3, 5, 4] : [3, 4, 5], 100);
      const b = values(tb ? [3, 6, 5] : [3, 5, 6], 101);
      out.push(tf.matMul(a, b, ta, tb).dataSync() as Float32Array);
    }
    return out;
  });
}

describe('patched kernels', () => {
  afterAll(() => setPatches());

  it.each(['cpu', 'wasm'] as const)('%s patched kernels equal the stock cpu kernels', async (backend) => {
    // Arrange
    setPatches({ kernels: false });
    await tf.setBackend('cpu');
    const reference = workload();
    // Act
    await initBackend(backend);
    const patched = workload();
    // Assert
    expect(patched.length).toBe(reference.length);
    patched.forEach((p, i) => {
      expect(p.length).toBe(reference[i].length);
      expect(maxRelativeError(reference[i], p)).toBeLessThan(1e-5);
    });
  });

  it('wasm lacks Conv2DBackpropFilter without the patch (the patch is load-bearing)', async () => {
    // Arrange
    setPatches({ kernels: false });
    await tf.setBackend('wasm');
    // Act / Assert
    expect(() => workload()).toThrow(/Conv2DBackpropFilter/);
  });
});
