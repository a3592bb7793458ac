import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, makeRng, toFloat64, TOL } from '../../tensor/index.js';
import type { Rng } from '../../tensor/index.js';
import { conv2dPt, dense } from '../../tensor/ops.js';
import { convWeightFromTorch, fcWeightFromTorch } from './torchImport.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const nested = (rng: Rng, dims: number[]): unknown => (dims.length === 0 ? rng.next() - 0.5 : Array.from({ length: dims[0] }, () => nested(rng, dims.slice(1))));
/** An NCHW activation a[c][h][w] as an NHWC tensor [1, H, W, C]. */
const toNhwc = (a: number[][][]): tf.Tensor4D => tf.tensor4d(a[0].map((row, h) => row.map((_, w) => a.map((ch) => ch[h][w]))).flat(2), [1, a[0].length, a[0][0].length, a.length]);

describe('fcWeightFromTorch', () => {
  it('gives the PyTorch Linear output on the (c,h,w)-flattened activation from our (h,w,c) flatten', () => {
    // Arrange: activation C×H×W = 3×2×4, Linear 24 → 5 in PyTorch layout
    const rng = makeRng(1, 'torchImport', 'fc');
    const [C, H, W, O] = [3, 2, 4, 5];
    const a = nested(rng, [C, H, W]) as number[][][];
    const wPt = nested(rng, [O, C * H * W]) as number[][];
    const flatPt = a.flat(2); // PyTorch x.view(B, -1) on NCHW: index c·H·W + h·W + w
    const yPt = wPt.map((row) => row.reduce((s, v, i) => s + v * flatPt[i], 0));
    // Act
    const x = toNhwc(a);
    const wTf = tf.tensor2d(fcWeightFromTorch(wPt, C, H, W), [C * H * W, O]);
    const b = tf.zeros([O]) as tf.Tensor1D;
    const y = tf.tidy(() => dense(tf.reshape(x, [1, C * H * W]) as tf.Tensor2D, wTf, b));
    // Assert
    expect(maxAbsDiff(toFloat64(y), yPt)).toBeLessThan(TOL.float32);
    tf.dispose([x, wTf, b, y]);
  });

  it('is a plain transpose for vector inputs (C = in, H = W = 1) and rejects ragged rows', () => {
    // Arrange
    const wPt = [[1, 2, 3], [4, 5, 6]];
    // Act
    const wTf = fcWeightFromTorch(wPt, 3, 1, 1);
    // Assert
    expect(wTf).toEqual([1, 4, 2, 5, 3, 6]);
    expect(() => fcWeightFromTorch([[1, 2], [3]], 2, 1, 1)).toThrow(/row 1/);
  });
});

describe('convWeightFromTorch', () => {
  it('gives the PyTorch Conv2d output (NCHW cross-correlation, pad 1)', () => {
    // Arrange: input 2×5×5, weight [3][2][3][3]
    const rng = makeRng(2, 'torchImport', 'conv');
    const [CI, CO, K, S] = [2, 3, 3, 5];
    const a = nested(rng, [CI, S, S]) as number[][][];
    const wPt = nested(rng, [CO, CI, K, K]) as number[][][][];
    const at = (c: number, h: number, w: number): number => (h < 0 || h >= S || w < 0 || w >= S ? 0 : a[c][h][w]);
    const yPt: number[] = []; // in NHWC order [h][w][co] to compare with tfjs
    for (let h = 0; h < S; h++) for (let w = 0; w < S; w++) for (let co = 0; co < CO; co++) {
      let acc = 0;
      for (let ci = 0; ci < CI; ci++) for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) acc += wPt[co][ci][i][j] * at(ci, h - 1 + i, w - 1 + j);
      yPt.push(acc);
    }
    // Act
    const x = toNhwc(a);
    const wTf = tf.tensor4d(convWeightFromTorch(wPt), [K, K, CI, CO]);
    const b = tf.zeros([CO]) as tf.Tensor1D;
    const y = conv2dPt(x, wTf, b, 1, 1);
    // Assert
    expect(maxAbsDiff(toFloat64(y), yPt)).toBeLessThan(TOL.float32);
    tf.dispose([x, wTf, b, y]);
  });

  it('rejects empty and ragged weights', () => {
    // Arrange / Act / Assert
    expect(() => convWeightFromTorch([])).toThrow(/empty/);
    expect(() => convWeightFromTorch([[[[1]]], [[[1], [2]]]])).toThrow(/ragged/);
  });
});
