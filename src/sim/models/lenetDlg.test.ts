import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, makeRng, paramCount, disposeParams, toFloat64, TOL } from '../../tensor/index.js';
import { randomUniformTensor } from '../../tensor/randomTensor.js';
import { lenetDlg } from './lenetDlg.js';
import { expectDoubleBackpropMatchesFd, expectModelLaws } from './modelTestKit.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const maxAbsDiff = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('lenetDlg', () => {
  it('has exactly the parameter count of the PyTorch DLG LeNet', () => {
    // Arrange: conv 3→12 k5 (+bias), three conv 12→12 k5 (+bias), Linear 768→10 (+bias)
    const expected = 3 * 12 * 25 + 12 + 3 * (12 * 12 * 25 + 12) + 768 * 10 + 10;
    // Act
    const model = lenetDlg();
    const p = model.init(0);
    // Assert
    expect(paramCount(p)).toBe(expected);
    expect(model.representationSize).toBe(768);
    expect(model.params.every((s) => s.trainable)).toBe(true);
    disposeParams(p);
  });

  it('initialises every weight and bias in [-0.5, 0.5] (DLG weights_init)', () => {
    // Arrange
    const p = lenetDlg().init(5);
    // Act
    const values = Object.values(p).flatMap((t) => Array.from(toFloat64(t)));
    // Assert
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...values)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.9);
    disposeParams(p);
  });

  it('maps [B,32,32,3] to logits [B,10] and r [B,768], and [B,32,32,1] (padded MNIST) to r [B,768]', () => {
    for (const c of [3, 1]) {
      // Arrange
      const model = lenetDlg({ inputShape: [32, 32, c] });
      const p = model.init(1);
      const x = randomUniformTensor(makeRng(1, 'x'), [2, 32, 32, c]) as tf.Tensor4D;
      // Act
      const out = model.apply(p, x);
      // Assert
      expect(out.logits.shape).toEqual([2, 10]);
      expect(out.representation.shape).toEqual([2, 768]);
      tf.dispose([x, out.logits, out.representation]);
      disposeParams(p);
    }
  });

  it('uses r = 12·ceil(H/4)·ceil(W/4) features for other sizes (28×28 → 588)', () => {
    // Arrange / Act
    const model = lenetDlg({ inputShape: [28, 28, 1], numClasses: 4 });
    // Assert
    expect(model.representationSize).toBe(12 * 7 * 7);
    expect(model.params.find((s) => s.name === 'fc.weight')?.shape).toEqual([588, 4]);
  });

  it('returns the input of fc as r: logits = r·W + b', () => {
    // Arrange
    const model = lenetDlg();
    const p = model.init(2);
    const x = randomUniformTensor(makeRng(2, 'x'), [3, 32, 32, 3]) as tf.Tensor4D;
    // Act
    const out = model.apply(p, x);
    const recomputed = tf.tidy(() => tf.add(tf.matMul(out.representation, p['fc.weight'] as tf.Tensor2D), p['fc.bias']));
    // Assert: sigmoid features lie in (0, 1) and feed fc
    const r = toFloat64(out.representation);
    expect(Math.min(...r)).toBeGreaterThan(0);
    expect(Math.max(...r)).toBeLessThan(1);
    expect(maxAbsDiff(toFloat64(recomputed), toFloat64(out.logits))).toBeLessThan(TOL.float32);
    tf.dispose([x, out.logits, out.representation, recomputed]);
    disposeParams(p);
  });

  it('satisfies the model laws: seeded init is deterministic, apply leaks no tensors', () => {
    // Arrange / Act / Assert
    expectModelLaws(lenetDlg());
  });

  it('rejects inputs of the wrong shape', () => {
    // Arrange
    const model = lenetDlg();
    const p = model.init(3);
    const x = tf.zeros([1, 28, 28, 3]) as tf.Tensor4D;
    // Act / Assert
    expect(() => model.apply(p, x)).toThrow(/input shape/);
    x.dispose();
    disposeParams(p);
  });

  it('double backprop: ∇x Σθ‖∇θ CE‖² is finite, nonzero and matches float32 finite differences', () => {
    // Arrange
    const model = lenetDlg();
    const p = model.init(4);
    // Act / Assert
    expectDoubleBackpropMatchesFd(model, p, 4);
    disposeParams(p);
  });
});
