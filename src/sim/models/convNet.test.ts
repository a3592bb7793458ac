import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, makeRng, paramCount, disposeParams, toFloat64, TOL } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { randomNormalTensor } from '../../tensor/randomTensor.js';
import { convNet } from './convNet.js';
import { expectDoubleBackpropMatchesFd, expectModelLaws } from './modelTestKit.js';
import { trainableParamNames } from './trainableParamNames.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const maxAbsDiff = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/** PyTorch `parameters()` of GS ConvNet(width w): 8 conv3×3 (+bias), 8 BN (gamma, beta), Linear(36w → 10). */
function torchParamCount(w: number): number {
  const convs: [number, number][] = [[3, w], [w, 2 * w], [2 * w, 2 * w], [2 * w, 4 * w], [4 * w, 4 * w], [4 * w, 4 * w], [4 * w, 4 * w], [4 * w, 4 * w]];
  const conv = convs.reduce((n, [i, o]) => n + i * o * 9 + o, 0);
  const bn = convs.reduce((n, [, o]) => n + 2 * o, 0);
  return conv + bn + 36 * w * 10 + 10;
}

describe('convNet', () => {
  it('at width 64 has the PyTorch parameter count, 2304 representation features, and BN buffers', () => {
    // Arrange
    const model = convNet();
    // Act
    const p = model.init(0);
    const trainable = trainableParamNames(model).reduce((n, name) => n + p[name].size, 0);
    // Assert: buffers are running_mean + running_var of 8 BN layers with 64,128,128,256×5 channels
    expect(trainable).toBe(torchParamCount(64));
    expect(paramCount(p) - trainable).toBe(2 * (64 + 128 + 128 + 5 * 256));
    expect(model.representationSize).toBe(2304);
    expect(model.params.filter((s) => !s.trainable).every((s) => /running_(mean|var)$/.test(s.name))).toBe(true);
    disposeParams(p);
  });

  it('floors both MaxPool(3): 32×32 gives 3·3·4w features, 28×28 (MNIST) too, 16×16 gives 1·1·4w', () => {
    // Arrange / Act / Assert
    expect(convNet({ width: 4 }).representationSize).toBe(36 * 4);
    expect(convNet({ width: 4, inputShape: [28, 28, 1] }).representationSize).toBe(36 * 4);
    expect(convNet({ width: 4, inputShape: [16, 16, 3] }).representationSize).toBe(16);
    expect(() => convNet({ inputShape: [8, 8, 3] })).toThrow(/too small/);
    expect(() => convNet({ width: 0 })).toThrow(/width/);
  });

  it('initialises BN as gamma 1, beta 0, mean 0, var 1 and convs within PyTorch bound 1/√fan_in', () => {
    // Arrange
    const p = convNet({ width: 4 }).init(1);
    // Act
    const conv1 = toFloat64(p['conv1.weight']);
    const bound = 1 / Math.sqrt(4 * 9);
    // Assert
    expect(new Set(toFloat64(p['bn3.weight']))).toEqual(new Set([1]));
    expect(new Set(toFloat64(p['bn3.bias']))).toEqual(new Set([0]));
    expect(new Set(toFloat64(p['bn3.running_mean']))).toEqual(new Set([0]));
    expect(new Set(toFloat64(p['bn3.running_var']))).toEqual(new Set([1]));
    expect(Math.max(...conv1.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...conv1.map(Math.abs))).toBeGreaterThan(0.9 * bound);
    disposeParams(p);
  });

  it('maps [B,32,32,3] to logits [B,10] and r [B,36w]; logits = r·W + b; r ≥ 0 (post-ReLU)', () => {
    // Arrange
    const model = convNet({ width: 4 });
    const p = model.init(2);
    const x = randomNormalTensor(makeRng(2, 'x'), [2, 32, 32, 3]) as tf.Tensor4D;
    // Act
    const out = model.apply(p, x);
    const recomputed = tf.tidy(() => tf.add(tf.matMul(out.representation, p['fc.weight'] as tf.Tensor2D), p['fc.bias']));
    // Assert
    expect(out.logits.shape).toEqual([2, 10]);
    expect(out.representation.shape).toEqual([2, 144]);
    expect(Math.min(...toFloat64(out.representation))).toBeGreaterThanOrEqual(0);
    expect(maxAbsDiff(toFloat64(recomputed), toFloat64(out.logits))).toBeLessThan(TOL.float32);
    tf.dispose([x, out.logits, out.representation, recomputed]);
    disposeParams(p);
  });

  it('reads the BN running statistics (eval mode): changing running_mean changes the output', () => {
    // Arrange
    const model = convNet({ width: 4, inputShape: [16, 16, 3] });
    const p = model.init(3);
    const x = randomNormalTensor(makeRng(3, 'x'), [1, 16, 16, 3]) as tf.Tensor4D;
    const shifted: ParamMap = { ...p, 'bn7.running_mean': tf.fill([16], 0.5) };
    // Act
    const a = model.apply(p, x);
    const b = model.apply(shifted, x);
    // Assert
    expect(maxAbsDiff(toFloat64(a.logits), toFloat64(b.logits))).toBeGreaterThan(TOL.float32);
    tf.dispose([x, a.logits, a.representation, b.logits, b.representation, shifted['bn7.running_mean']]);
    disposeParams(p);
  });

  it('satisfies the model laws: seeded init is deterministic, apply leaks no tensors', () => {
    // Arrange / Act / Assert
    expectModelLaws(convNet({ width: 4, inputShape: [16, 16, 3] }));
  });

  it('double backprop: ∇x Σθ‖∇θ CE‖² is finite, nonzero and matches float32 finite differences', () => {
    // Arrange: width 4 on 16×16 for speed. running_var = 0.15 makes every block roughly
    // variance-preserving (conv at PyTorch init scales variance by ~1/3, ReLU by 1/2), as trained
    // BN statistics do; with var 1 the input's influence decays ~6^-8 and ∇x D drops below what
    // float32 differences of D can resolve.
    const model = convNet({ width: 4, inputShape: [16, 16, 3] });
    const p0 = model.init(4);
    const p: Record<string, tf.Tensor> = { ...p0 };
    for (const s of model.params) if (s.name.endsWith('running_var')) p[s.name] = tf.fill([...s.shape], 0.15);
    // Act / Assert
    expectDoubleBackpropMatchesFd(model, p, 4);
    disposeParams(p0);
    for (const s of model.params) if (s.name.endsWith('running_var')) p[s.name].dispose();
  });
});
