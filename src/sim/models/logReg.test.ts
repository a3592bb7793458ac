import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, makeRng, paramCount, paramsDigest, disposeParams, toFloat64, TOL } from '../../tensor/index.js';
import { randomUniformTensor } from '../../tensor/randomTensor.js';
import { logReg } from './logReg.js';
import { expectDoubleBackpropMatchesFd, expectModelLaws } from './modelTestKit.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const maxAbsDiff = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('logReg', () => {
  it('has 784·10 + 10 parameters on MNIST and the flattened image as r', () => {
    // Arrange
    const model = logReg();
    const p = model.init(0);
    const x = randomUniformTensor(makeRng(0, 'x'), [2, 28, 28, 1]) as tf.Tensor4D;
    // Act
    const out = model.apply(p, x);
    const flat = tf.reshape(x, [2, 784]);
    // Assert
    expect(paramCount(p)).toBe(784 * 10 + 10);
    expect(model.representationLayer).toBe('fc');
    expect(maxAbsDiff(toFloat64(out.representation), toFloat64(flat))).toBe(0);
    expect(out.logits.shape).toEqual([2, 10]);
    tf.dispose([x, flat, out.logits, out.representation]);
    disposeParams(p);
  });

  it('starts at w0 = 0 by default (Li et al.), so logits are 0 for any seed', () => {
    // Arrange
    const model = logReg();
    const [a, b] = [model.init(1), model.init(2)];
    const x = randomUniformTensor(makeRng(1, 'x'), [1, 28, 28, 1]) as tf.Tensor4D;
    // Act
    const out = model.apply(a, x);
    // Assert
    expect(paramsDigest(a)).toBe(paramsDigest(b));
    expect(Math.max(...toFloat64(out.logits).map(Math.abs))).toBe(0);
    tf.dispose([x, out.logits, out.representation]);
    [a, b].forEach(disposeParams);
  });

  it("'uniform' init: logits = r·W + b; same seed same params, other seed different", () => {
    // Arrange
    const model = logReg({ init: 'uniform', inputShape: [6, 6, 2], numClasses: 3 });
    const [a, b, c] = [model.init(7), model.init(7), model.init(8)];
    const x = randomUniformTensor(makeRng(7, 'x'), [4, 6, 6, 2]) as tf.Tensor4D;
    // Act
    const out = model.apply(a, x);
    const recomputed = tf.tidy(() => tf.add(tf.matMul(tf.reshape(x, [4, 72]), a['fc.weight'] as tf.Tensor2D), a['fc.bias']));
    // Assert
    expect(model.representationSize).toBe(72);
    expect(maxAbsDiff(toFloat64(recomputed), toFloat64(out.logits))).toBeLessThan(TOL.float32);
    expect(paramsDigest(a)).toBe(paramsDigest(b));
    expect(paramsDigest(a)).not.toBe(paramsDigest(c));
    tf.dispose([x, recomputed, out.logits, out.representation]);
    [a, b, c].forEach(disposeParams);
  });

  it('rejects bad options and seeds', () => {
    // Arrange / Act / Assert
    expect(() => logReg({ init: 'ones' as 'zeros' })).toThrow(/init/);
    expect(() => logReg({ numClasses: 1 })).toThrow(/numClasses/);
    expect(() => logReg({ inputShape: [28, 28] as unknown as [number, number, number] })).toThrow(/inputShape/);
    expect(() => logReg().init(-1)).toThrow(/seed/);
  });

  it('satisfies the model laws: seeded init is deterministic, apply leaks no tensors', () => {
    // Arrange / Act / Assert
    expectModelLaws(logReg({ init: 'uniform' })); // zero init is seed-independent by design
  });

  it('double backprop: ∇x Σθ‖∇θ CE‖² is finite, nonzero and matches float32 finite differences', () => {
    // Arrange: uniform init (at w = 0 the weight gradient is still x-dependent, but use a generic point)
    const model = logReg({ init: 'uniform' });
    const p = model.init(4);
    // Act / Assert
    expectDoubleBackpropMatchesFd(model, p, 4, 2);
    disposeParams(p);
  });
});
