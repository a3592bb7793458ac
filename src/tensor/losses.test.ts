import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from './tf.js';
import { initBackend } from './backend.js';
import { makeRng } from './rng.js';
import { toFloat64, toScalar } from './convert.js';
import { TOL } from './tolerances.js';
import { expectNoNewTensors } from './testing.js';
import { randomNormalTensor } from './randomTensor.js';
import { hardCrossEntropy, l2Penalty, softCrossEntropy } from './losses.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/** Row-wise log-softmax in float64. */
function logSoftmax(z: Float64Array, c: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < z.length; i += c) {
    const row = Array.from(z.subarray(i, i + c));
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    out.push(...row.map((v) => v - lse));
  }
  return out;
}

describe('softCrossEntropy', () => {
  it('equals −mean_b Σ_c labels·logSoftmax(logits) (float64 reference)', () => {
    // Arrange: 3 rows, 4 classes, soft labels = softmax of random scores
    const z = randomNormalTensor(makeRng(1, 'z'), [3, 4], 0, 3) as tf.Tensor2D;
    const q = tf.tidy(() => tf.softmax(randomNormalTensor(makeRng(1, 'q'), [3, 4]))) as tf.Tensor2D;
    const ls = logSoftmax(toFloat64(z), 4);
    const qs = toFloat64(q);
    const ref = -ls.reduce((s, v, i) => s + qs[i] * v, 0) / 3;
    // Act
    const loss = softCrossEntropy(z, q);
    // Assert
    expect(Math.abs(toScalar(loss) - ref)).toBeLessThan(TOL.float32 * Math.abs(ref));
    expectNoNewTensors(() => softCrossEntropy(z, q).dispose());
    tf.dispose([z, q, loss]);
  });

  it('has the label gradient −logSoftmax/B (not labels − softmax, as tf.losses.softmaxCrossEntropy gives)', () => {
    // Arrange: the example from the design notes; PyTorch gives [1.902, 3.402, 0.202]
    const z = tf.tensor2d([[0.3, -1.2, 2.0]]);
    const q = tf.tensor2d([[0.2, 0.5, 0.3]]);
    const ref = logSoftmax(toFloat64(z), 3).map((v) => -v);
    // Act
    const g = tf.grad((t: tf.Tensor) => softCrossEntropy(z, t as tf.Tensor2D))(q);
    // Assert
    expect(maxAbsDiff(toFloat64(g), ref)).toBeLessThan(TOL.float32);
    const halfUnitInThirdDecimal = 0.5e-3;
    expect(maxAbsDiff(toFloat64(g), [1.902, 3.402, 0.202])).toBeLessThanOrEqual(halfUnitInThirdDecimal + TOL.float32);
    tf.dispose([z, q, g]);
  });

  it('double-differentiates: ∇z⟨∇z CE, u⟩ = (Σ_c q)(diag(p) − ppᵀ)u / B per row', () => {
    // Arrange
    const z = randomNormalTensor(makeRng(2, 'z'), [2, 3]) as tf.Tensor2D;
    const q = tf.tensor2d([[0.2, 0.5, 0.3], [0, 1, 0]]);
    const u = randomNormalTensor(makeRng(2, 'u'), [2, 3]) as tf.Tensor2D;
    const p = logSoftmax(toFloat64(z), 3).map(Math.exp);
    const us = toFloat64(u);
    const ref = [0, 1].flatMap((b) => {
      const pr = p.slice(3 * b, 3 * b + 3);
      const pu = pr.reduce((s, v, c) => s + v * us[3 * b + c], 0);
      return pr.map((v, c) => (v * us[3 * b + c] - v * pu) / 2); // Σ_c q = 1 in both rows
    });
    // Act
    const hvp = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.grad((s: tf.Tensor) => softCrossEntropy(s as tf.Tensor2D, q))(t), u)))(z);
    // Assert
    expect(maxAbsDiff(toFloat64(hvp), ref)).toBeLessThan(TOL.float32);
    tf.dispose([z, q, u, hvp]);
  });

  it('rejects mismatched shapes', () => {
    // Arrange
    const z = tf.zeros([2, 3]) as tf.Tensor2D;
    const q = tf.zeros([2, 4]) as tf.Tensor2D;
    // Act / Assert
    expect(() => softCrossEntropy(z, q)).toThrow(/labels shape/);
    tf.dispose([z, q]);
  });
});

describe('hardCrossEntropy', () => {
  it('equals −mean_b logSoftmax(logits)[b, y_b] for int32 and float labels', () => {
    // Arrange
    const z = randomNormalTensor(makeRng(3, 'z'), [4, 5], 0, 2) as tf.Tensor2D;
    const y = [4, 0, 2, 2];
    const ls = logSoftmax(toFloat64(z), 5);
    const ref = -y.reduce((s, c, b) => s + ls[b * 5 + c], 0) / 4;
    const yi = tf.tensor1d(y, 'int32');
    const yf = tf.tensor1d(y, 'float32');
    // Act
    const [a, b] = [hardCrossEntropy(z, yi), hardCrossEntropy(z, yf)];
    // Assert
    expect(Math.abs(toScalar(a) - ref)).toBeLessThan(TOL.float32 * Math.abs(ref));
    expect(toScalar(b)).toBe(toScalar(a));
    const short = tf.tensor1d([1], 'int32');
    expect(() => hardCrossEntropy(z, short)).toThrow(/labels must be \[batch\]/);
    tf.dispose([z, yi, yf, a, b, short]);
  });
});

describe('l2Penalty', () => {
  it('is (λ/2)·Σ‖θ‖² over the named tensors, with gradient λθ', () => {
    // Arrange
    const w = tf.tensor2d([[1, -2], [3, 0.5]]);
    const bias = tf.tensor1d([10, 20]);
    const lambda = 0.1;
    // Act
    const value = l2Penalty({ w, b: bias }, ['w'], lambda);
    const g = tf.grad((t: tf.Tensor) => l2Penalty({ w: t, b: bias }, ['w'], lambda))(w);
    // Assert: the bias is not penalised
    expect(Math.abs(toScalar(value) - (lambda / 2) * (1 + 4 + 9 + 0.25))).toBeLessThan(TOL.float32);
    expect(maxAbsDiff(toFloat64(g), [0.1, -0.2, 0.3, 0.05])).toBeLessThan(TOL.float32);
    tf.dispose([w, bias, value, g]);
  });

  it('is 0 for no names and rejects unknown names and bad λ', () => {
    // Arrange
    const w = tf.ones([2]);
    // Act
    const zero = l2Penalty({ w }, [], 1);
    // Assert
    expect(toScalar(zero)).toBe(0);
    expect(() => l2Penalty({ w }, ['v'], 1)).toThrow(/unknown parameter 'v'/);
    expect(() => l2Penalty({ w }, ['w'], -1)).toThrow(/lambda/);
    expect(() => l2Penalty({ w }, ['w'], Number.NaN)).toThrow(/lambda/);
    tf.dispose([w, zero]);
  });
});
