import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, makeRng, paramCount, disposeParams, toFloat64, TOL } from '../../tensor/index.js';
import { randomUniformTensor } from '../../tensor/randomTensor.js';
import { fedAvgCnn } from './fedAvgCnn.js';
import { expectDoubleBackpropMatchesFd, expectModelLaws } from './modelTestKit.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const maxAbsDiff = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('fedAvgCnn', () => {
  it('has the 1,663,370 parameters of McMahan et al.’s CNN (by layer formula)', () => {
    // Arrange: conv5×5 1→32, conv5×5 32→64, FC 7·7·64→512, FC 512→10, each with bias
    const expected = (25 * 1 * 32 + 32) + (25 * 32 * 64 + 64) + (7 * 7 * 64 * 512 + 512) + (512 * 10 + 10);
    // Act
    const p = fedAvgCnn().init(0);
    // Assert
    expect(paramCount(p)).toBe(expected);
    expect(expected).toBe(1_663_370);
    disposeParams(p);
  });

  it('maps [B,28,28,1] to logits [B,10]; r is the 512 post-ReLU fc1 features feeding fc2', () => {
    // Arrange
    const model = fedAvgCnn();
    const p = model.init(1);
    const x = randomUniformTensor(makeRng(1, 'x'), [2, 28, 28, 1]) as tf.Tensor4D;
    // Act
    const out = model.apply(p, x);
    const recomputed = tf.tidy(() => tf.add(tf.matMul(out.representation, p['fc2.weight'] as tf.Tensor2D), p['fc2.bias']));
    // Assert
    expect(model.representationLayer).toBe('fc2');
    expect(out.logits.shape).toEqual([2, 10]);
    expect(out.representation.shape).toEqual([2, 512]);
    expect(Math.min(...toFloat64(out.representation))).toBeGreaterThanOrEqual(0);
    expect(maxAbsDiff(toFloat64(recomputed), toFloat64(out.logits))).toBeLessThan(TOL.float32);
    tf.dispose([x, recomputed, out.logits, out.representation]);
    disposeParams(p);
  });

  it("with representationLayer 'fc1', r is the 3136 flattened conv features: logits = relu(r·W1 + b1)·W2 + b2", () => {
    // Arrange
    const model = fedAvgCnn({ representationLayer: 'fc1' });
    const p = model.init(2);
    const x = randomUniformTensor(makeRng(2, 'x'), [1, 28, 28, 1]) as tf.Tensor4D;
    // Act
    const out = model.apply(p, x);
    const recomputed = tf.tidy(() => {
      const h = tf.relu(tf.add(tf.matMul(out.representation, p['fc1.weight'] as tf.Tensor2D), p['fc1.bias'])) as tf.Tensor2D;
      return tf.add(tf.matMul(h, p['fc2.weight'] as tf.Tensor2D), p['fc2.bias']);
    });
    // Assert
    expect(model.representationSize).toBe(3136);
    expect(maxAbsDiff(toFloat64(recomputed), toFloat64(out.logits))).toBeLessThan(TOL.float32);
    tf.dispose([x, recomputed, out.logits, out.representation]);
    disposeParams(p);
  });

  it('satisfies the model laws: seeded init is deterministic, apply leaks no tensors', () => {
    // Arrange / Act / Assert
    expectModelLaws(fedAvgCnn());
  });

  it('double backprop: ∇x Σθ‖∇θ CE‖² is finite, nonzero and matches float32 finite differences', () => {
    // Arrange: 12×12 input (fc1 576→512) keeps the same ops at a fraction of the cost
    const model = fedAvgCnn({ inputShape: [12, 12, 1] });
    const p = model.init(4);
    // Act / Assert
    expectDoubleBackpropMatchesFd(model, p, 4);
    disposeParams(p);
  });
});
