import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, makeRng, paramCount, paramsDigest, disposeParams, toFloat64, TOL } from '../../tensor/index.js';
import { randomNormalTensor } from '../../tensor/randomTensor.js';
import { mlp3 } from './mlp3.js';
import { expectDoubleBackpropMatchesFd, expectModelLaws } from './modelTestKit.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const maxAbsDiff = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const affine = (x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D => tf.add(tf.matMul(x, w as tf.Tensor2D), b);

describe('mlp3', () => {
  it('has D·h1+h1 + h1·h2+h2 + h2·K+K parameters (defaults: 3072 → 256 → 128 → 10)', () => {
    // Arrange
    const expected = 3072 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10;
    // Act
    const p = mlp3().init(0);
    // Assert
    expect(paramCount(p)).toBe(expected);
    disposeParams(p);
  });

  it('returns the input of the chosen FC layer as r', () => {
    // Arrange
    const opts = { inputShape: [4, 4, 2] as const, hidden: [6, 5] as const, numClasses: 3 };
    const [m1, m2, m3] = (['fc1', 'fc2', 'fc3'] as const).map((l) => mlp3({ ...opts, representationLayer: l }));
    const p = m3.init(1);
    const x = randomNormalTensor(makeRng(1, 'x'), [2, 4, 4, 2]) as tf.Tensor4D;
    // Act
    const [o1, o2, o3] = [m1, m2, m3].map((m) => m.apply(p, x));
    const viaR3 = tf.tidy(() => affine(o3.representation, p['fc3.weight'], p['fc3.bias']));
    const viaR2 = tf.tidy(() => affine(tf.relu(affine(o2.representation, p['fc2.weight'], p['fc2.bias'])), p['fc3.weight'], p['fc3.bias']));
    const flatX = tf.reshape(x, [2, 32]);
    // Assert
    expect([m1, m2, m3].map((m) => m.representationSize)).toEqual([32, 6, 5]);
    expect(o1.representation.shape).toEqual([2, 32]);
    expect(maxAbsDiff(toFloat64(o1.representation), toFloat64(flatX))).toBe(0);
    expect(maxAbsDiff(toFloat64(viaR2), toFloat64(o3.logits))).toBeLessThan(TOL.float32);
    expect(maxAbsDiff(toFloat64(viaR3), toFloat64(o3.logits))).toBeLessThan(TOL.float32);
    expect(o3.logits.shape).toEqual([2, 3]);
    tf.dispose([x, flatX, viaR2, viaR3, ...[o1, o2, o3].flatMap((o) => [o.logits, o.representation])]);
    disposeParams(p);
  });

  it('applies the chosen activation: sigmoid features lie in (0, 1)', () => {
    // Arrange
    const model = mlp3({ inputShape: [4, 4, 1], hidden: [8, 8], activation: 'sigmoid' });
    const p = model.init(2);
    const x = randomNormalTensor(makeRng(2, 'x'), [3, 4, 4, 1]) as tf.Tensor4D;
    // Act
    const out = model.apply(p, x);
    const r = toFloat64(out.representation);
    // Assert
    expect(Math.min(...r)).toBeGreaterThan(0);
    expect(Math.max(...r)).toBeLessThan(1);
    tf.dispose([x, out.logits, out.representation]);
    disposeParams(p);
  });

  it('init does not depend on representationLayer; same seed same params, other seed different', () => {
    // Arrange
    const small = { inputShape: [4, 4, 1] as const, hidden: [8, 8] as const };
    const a = mlp3({ ...small, representationLayer: 'fc1' }).init(7);
    const b = mlp3({ ...small, representationLayer: 'fc3' }).init(7);
    const c = mlp3(small).init(8);
    // Act / Assert
    expect(paramsDigest(a)).toBe(paramsDigest(b));
    expect(paramsDigest(a)).not.toBe(paramsDigest(c));
    [a, b, c].forEach(disposeParams);
  });

  it('rejects bad options', () => {
    // Arrange / Act / Assert
    expect(() => mlp3({ hidden: [0, 4] })).toThrow(/hidden\[0\]/);
    expect(() => mlp3({ representationLayer: 'fc4' as 'fc1' })).toThrow(/representationLayer/);
    expect(() => mlp3({ activation: 'tanh' as 'relu' })).toThrow(/activation/);
  });

  it('satisfies the model laws: seeded init is deterministic, apply leaks no tensors', () => {
    // Arrange / Act / Assert
    expectModelLaws(mlp3());
  });

  it('double backprop: ∇x Σθ‖∇θ CE‖² is finite, nonzero and matches float32 finite differences', () => {
    // Arrange
    const model = mlp3();
    const p = model.init(4);
    // Act / Assert
    expectDoubleBackpropMatchesFd(model, p, 4);
    disposeParams(p);
  });
});
