import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { setPatches } from '../patches.js';
import { initBackend } from '../backend.js';
import { makeRng } from '../rng.js';
import { TOL } from '../tolerances.js';

// Two wasm patches that kernels.test.ts does not reach, checked against the stock cpu kernels:
//  - Conv2DBackpropInput at strides > 1 (polyphase: one stride-1 correlation, then phase
//    interleaving) on larger cases than kernels.test.ts (LeNet's conv2 at batch 16, odd sizes,
//    'same'/'valid', stride 3); random small shapes are in wasmKernels.prop.test.ts.
//  - Tile as concatenations: float32 and int32, one or several repeated axes (a copy: exact).

const CONV_CASES: ReadonlyArray<{ n: number; hw: number; k: number; s: number; pad: 'same' | 'valid' | number; ci: number; co: number }> = [
  { n: 16, hw: 16, k: 5, s: 2, pad: 2, ci: 12, co: 12 },
  { n: 8, hw: 23, k: 5, s: 2, pad: 'same', ci: 3, co: 16 },
  { n: 8, hw: 24, k: 3, s: 2, pad: 'valid', ci: 4, co: 16 },
  { n: 8, hw: 30, k: 4, s: 3, pad: 1, ci: 2, co: 32 },
];

const TILE_CASES: ReadonlyArray<{ shape: number[]; reps: number[]; dtype: 'float32' | 'int32' }> = [
  { shape: [1, 4, 4, 3], reps: [5, 1, 1, 1], dtype: 'float32' },
  { shape: [2, 3, 2], reps: [2, 3, 1], dtype: 'float32' },
  { shape: [3, 1], reps: [1, 4], dtype: 'int32' },
  { shape: [4], reps: [3], dtype: 'int32' },
  { shape: [2, 2], reps: [1, 1], dtype: 'float32' },
];

function values(shape: number[], seed: number): tf.Tensor {
  const rng = makeRng(seed, 'wasmFastPaths.test');
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => rng.next() * 2 - 1), shape);
}

/** dx of every conv case, the dy sizes (to check the cases take the patched path), and every tile. */
function workload(): { dx: Float32Array[]; tiles: number[][] } {
  return tf.tidy(() => {
    const dx: Float32Array[] = [];
    CONV_CASES.forEach(({ n, hw, k, s, pad, ci, co }, i) => {
      const x = values([n, hw, hw, ci], 10 * i + 1) as tf.Tensor4D;
      const w = values([k, k, ci, co], 10 * i + 2) as tf.Tensor4D;
      const dy = values(tf.conv2d(x, w, s, pad).shape, 10 * i + 3) as tf.Tensor4D;
      dx.push(tf.conv2dTranspose(dy, w, x.shape, s, pad).dataSync() as Float32Array);
    });
    const tiles = TILE_CASES.map(({ shape, reps, dtype }, i) => {
      const v = values(shape, 100 + i);
      const x = dtype === 'int32' ? tf.cast(tf.mul(v, 100), 'int32') : v;
      return Array.from(tf.tile(x, reps).dataSync());
    });
    return { dx, tiles };
  });
}

describe('wasm fast paths not covered by kernels.test.ts', () => {
  afterAll(() => setPatches());

  it('strided Conv2DBackpropInput and Tile equal the stock cpu kernels', async () => {
    // Arrange
    setPatches({ kernels: false });
    await tf.setBackend('cpu');
    const reference = workload();
    // Act
    await initBackend('wasm');
    const patched = workload();
    // Assert
    patched.dx.forEach((p, i) => {
      const r = reference.dx[i];
      expect(p.length).toBe(r.length);
      let diff = 0;
      let scale = 0;
      for (let j = 0; j < p.length; j++) {
        diff = Math.max(diff, Math.abs(p[j] - r[j]));
        scale = Math.max(scale, Math.abs(r[j]));
      }
      expect(diff / scale).toBeLessThan(TOL.float32);
    });
    expect(patched.tiles).toEqual(reference.tiles);
  });
});
