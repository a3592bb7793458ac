import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from './tf.js';
import { initBackend } from './backend.js';
import { makeRng } from './rng.js';
import { toFloat64 } from './convert.js';
import { TOL } from './tolerances.js';
import { expectNoNewTensors } from './testing.js';
import { randomNormalTensor } from './randomTensor.js';
import { batchNormEval, conv2dPt, dense, maxPool2d } from './ops.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const rand = (seed: number, shape: number[]): tf.Tensor => randomNormalTensor(makeRng(seed, 'ops-test'), shape);

/** Direct NHWC cross-correlation in float64 with symmetric zero padding (PyTorch Conv2d semantics). */
function convRef(x: Float64Array, [n, h, w, ci]: number[], f: Float64Array, [k, , , co]: number[], b: Float64Array, s: number, p: number): number[] {
  const ho = Math.floor((h + 2 * p - k) / s) + 1;
  const wo = Math.floor((w + 2 * p - k) / s) + 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let y = 0; y < ho; y++) for (let xx = 0; xx < wo; xx++) for (let o = 0; o < co; o++) {
    let acc = b[o];
    for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) for (let c = 0; c < ci; c++) {
      const r = y * s - p + dy;
      const q = xx * s - p + dx;
      if (r >= 0 && r < h && q >= 0 && q < w) acc += x[((i * h + r) * w + q) * ci + c] * f[((dy * k + dx) * ci + c) * co + o];
    }
    out.push(acc);
  }
  return out;
}

describe('maxPool2d', () => {
  it("equals tf.maxPool (k = stride, 'valid') in exact and floor modes", () => {
    for (const [shape, k, mode] of [[[2, 6, 6, 3], 2, 'exact'], [[2, 6, 6, 3], 3, 'exact'], [[1, 32, 32, 2], 3, 'floor'], [[1, 7, 5, 1], 2, 'floor']] as const) {
      // Arrange
      const x = rand(k, [...shape]) as tf.Tensor4D;
      // Act
      const ours = maxPool2d(x, k, mode);
      const ref = tf.maxPool(x, k, k, 'valid');
      // Assert
      expect(ours.shape).toEqual(ref.shape);
      expect(maxAbsDiff(toFloat64(ours), toFloat64(ref))).toBe(0);
      tf.dispose([x, ours, ref]);
    }
  });

  it('rejects sizes k does not divide in exact mode, bad k and inputs smaller than the window', () => {
    // Arrange
    const x = tf.zeros([1, 32, 32, 1]) as tf.Tensor4D;
    const tiny = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
    // Act / Assert
    expect(() => maxPool2d(x, 3)).toThrow(/divisible/);
    expect(() => maxPool2d(x, 0)).toThrow(/positive integer/);
    expect(() => maxPool2d(tiny, 3, 'floor')).toThrow(/smaller than the window/);
    tf.dispose([x, tiny]);
  });

  it('double-differentiates: ∇x Σ c·∇x Σ pool(x)² = 2c at each window maximum, 0 elsewhere', () => {
    // Arrange
    const x = rand(11, [1, 4, 6, 2]) as tf.Tensor4D;
    const c = rand(12, [1, 4, 6, 2]) as tf.Tensor4D;
    const xs = toFloat64(x);
    const cs = toFloat64(c);
    const expected = new Float64Array(xs.length);
    for (let wy = 0; wy < 2; wy++) for (let wx = 0; wx < 3; wx++) for (let ch = 0; ch < 2; ch++) {
      const idx = [0, 1].flatMap((dy) => [0, 1].map((dx) => ((wy * 2 + dy) * 6 + wx * 2 + dx) * 2 + ch));
      const arg = idx.reduce((a, i) => (xs[i] > xs[a] ? i : a), idx[0]);
      expected[arg] = 2 * cs[arg];
    }
    // Act
    const inner = (t: tf.Tensor): tf.Tensor => tf.grad((u: tf.Tensor) => tf.sum(tf.square(maxPool2d(u as tf.Tensor4D, 2))))(t);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(inner(t), c)))(x);
    // Assert
    expect(maxAbsDiff(toFloat64(g), expected)).toBeLessThan(TOL.float32);
    tf.dispose([x, c, g]);
  });
});

describe('conv2dPt', () => {
  it('matches a float64 direct convolution with PyTorch padding (k5, pad 2, stride 2 and 1)', () => {
    for (const stride of [2, 1]) {
      // Arrange
      const x = rand(20 + stride, [2, 7, 7, 2]) as tf.Tensor4D;
      const w = rand(30 + stride, [5, 5, 2, 3]) as tf.Tensor4D;
      const b = rand(40 + stride, [3]) as tf.Tensor1D;
      // Act
      const y = conv2dPt(x, w, b, stride, 2);
      const ref = convRef(toFloat64(x), x.shape, toFloat64(w), w.shape, toFloat64(b), stride, 2);
      // Assert
      expect(y.shape).toEqual([2, Math.floor((7 + 4 - 5) / stride) + 1, Math.floor((7 + 4 - 5) / stride) + 1, 3]);
      expect(maxAbsDiff(toFloat64(y), ref)).toBeLessThan(TOL.float32);
      tf.dispose([x, w, b, y]);
    }
  });

  it("differs from tfjs 'same' padding at stride 2 on even sizes (the asymmetric-padding pitfall)", () => {
    // Arrange
    const x = rand(50, [1, 8, 8, 1]) as tf.Tensor4D;
    const w = rand(51, [5, 5, 1, 1]) as tf.Tensor4D;
    const b = tf.zeros([1]) as tf.Tensor1D;
    // Act
    const ours = conv2dPt(x, w, b, 2, 2);
    const same = tf.conv2d(x, w, 2, 'same');
    // Assert: same output size, different windows
    expect(ours.shape).toEqual(same.shape);
    expect(maxAbsDiff(toFloat64(ours), toFloat64(same))).toBeGreaterThan(TOL.clearlyWrong);
    tf.dispose([x, w, b, ours, same]);
  });

  it('validates shapes', () => {
    // Arrange
    const x = tf.zeros([1, 8, 8, 2]) as tf.Tensor4D;
    const w = tf.zeros([3, 3, 1, 4]) as tf.Tensor4D;
    const b = tf.zeros([4]) as tf.Tensor1D;
    // Act / Assert
    expect(() => conv2dPt(x, w, b, 1, 1)).toThrow(/input channels/);
    tf.dispose([x, w, b]);
  });
});

describe('dense and batchNormEval', () => {
  it('dense computes x·w + b', () => {
    // Arrange
    const [x, w, b] = [rand(60, [3, 4]), rand(61, [4, 2]), rand(62, [2])] as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const [xs, ws, bs] = [x, w, b].map(toFloat64);
    const ref = [0, 1, 2].flatMap((i) => [0, 1].map((o) => bs[o] + [0, 1, 2, 3].reduce((s, j) => s + xs[i * 4 + j] * ws[j * 2 + o], 0)));
    // Act
    const y2 = dense(x, w, b);
    // Assert
    expect(maxAbsDiff(toFloat64(y2), ref)).toBeLessThan(TOL.float32);
    expectNoNewTensors(() => dense(x, w, b).dispose());
    expect(() => dense(w, w, b)).toThrow(/do not chain/);
    tf.dispose([x, w, b, y2]);
  });

  it('batchNormEval computes (x − mean)·gamma/√(var + 1e-5) + beta per channel', () => {
    // Arrange
    const x = rand(70, [2, 3, 3, 4]) as tf.Tensor4D;
    const [g, be, m] = [rand(71, [4]), rand(72, [4]), rand(73, [4])] as tf.Tensor1D[];
    const v = tf.tensor1d([0.5, 1, 2, 0.1]);
    const [xs, gs, bs, ms, vs] = [x, g, be, m, v].map(toFloat64);
    const ref = Array.from(xs, (val, i) => { const c = i % 4; return ((val - ms[c]) * gs[c]) / Math.sqrt(vs[c] + 1e-5) + bs[c]; });
    // Act
    const y = batchNormEval(x, g, be, m, v);
    // Assert
    expect(maxAbsDiff(toFloat64(y), ref)).toBeLessThan(TOL.float32);
    const bad = tf.ones([3]) as tf.Tensor1D;
    expect(() => batchNormEval(x, g, be, m, bad)).toThrow(/variance shape/);
    tf.dispose([x, g, be, m, v, y, bad]);
  });
});
