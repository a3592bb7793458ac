import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, expectNoNewTensors, initBackend, makeRng, paramsDigest, tf, toFloat64, TOL } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { makeSyntheticDataset } from '../data/synthetic.js';
import type { Defense, DefenseContext } from '../defenses/types.js';
import { defineModel } from '../models/defineModel.js';
import { makeModel } from '../models/index.js';
import { evaluate } from './evaluate.js';
import { passThroughDefense } from './flFixture.js';
import { localTrain } from './localTrain.js';
import type { LocalTrainOptions } from './localTrain.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const data = makeSyntheticDataset({ seed: 1, n: 20, shape: [4, 4, 1], numClasses: 3, kind: 'blobs', noise: 0.1 });
const all = { dataset: data, indices: Array.from({ length: 20 }, (_, i) => i) };
const logReg = makeModel({ kind: 'logReg', init: 'zeros', inputShape: [4, 4, 1], numClasses: 3 });
const opts = (over: Partial<LocalTrainOptions> = {}): LocalTrainOptions => ({
  epochs: 1, batchSize: 8, lr: { kind: 'constant', eta: 0.5 }, l2: 0, defense: passThroughDefense, rng: makeRng(0, 'round', 0, 'client', 0, 'local'), round: 0, stepOffset: 0, ...over,
});
const diff = (a: ParamMap, b: ParamMap, name: string): Float64Array => {
  const x = toFloat64(a[name]);
  const y = toFloat64(b[name]);
  return x.map((v, i) => v - y[i]);
};

/** A defense that records its calls and zeroes the bias gradient of `fc`. */
function recordingDefense(calls: DefenseContext[]): Defense {
  return {
    config: { kind: 'none' },
    description: 'test: zero fc.bias gradient',
    apply: (grads, ctx) => {
      calls.push(ctx);
      return { grads: { ...grads, 'fc.bias': tf.zerosLike(grads['fc.bias']) }, stats: { calls: 1, tag: 'zeroBias' } };
    },
  };
}

describe('localTrain', () => {
  it('decreases the loss on a learnable set', () => {
    // Arrange
    const p0 = logReg.init(0);
    // Act
    const out = localTrain(logReg, p0, all, opts({ epochs: 10 }));
    // Assert
    const before = evaluate(logReg, p0, data).loss;
    const after = evaluate(logReg, out.params, data).loss;
    expect(after).toBeLessThan(0.5 * before);
    expect(out.steps).toBe(30);
    [p0, out.params].forEach(disposeParams);
  });

  it('runs E·⌈n/B⌉ steps, keeps the last partial batch, and applies the defense at every step', () => {
    // Arrange
    const calls: DefenseContext[] = [];
    const p0 = logReg.init(0);
    // Act
    const out = localTrain(logReg, p0, all, opts({ epochs: 2, defense: recordingDefense(calls) }));
    // Assert
    expect(calls.map((c) => c.x.shape[0])).toEqual([8, 8, 4, 8, 8, 4]);
    expect(new Set(calls.map((c) => c.rng.id)).size).toBe(6);
    expect(out.defense).toEqual({ calls: 1, tag: 'zeroBias' });
    expect(diff(out.params, p0, 'fc.bias').every((v) => v === 0)).toBe(true);
    expect(diff(out.params, p0, 'fc.weight').some((v) => v !== 0)).toBe(true);
    [p0, out.params].forEach(disposeParams);
  });

  it('leaves non-trainable buffers untouched', () => {
    // Arrange: a model whose logits are scaled by a non-trainable buffer
    const model = defineModel({
      name: 'scaledLogReg', inputShape: [4, 4, 1], numClasses: 3, representationLayer: 'fc', representationSize: 16,
      params: [
        { name: 'fc.weight', shape: [16, 3], init: { kind: 'uniform', low: -0.1, high: 0.1 }, trainable: true },
        { name: 'fc.bias', shape: [3], init: { kind: 'constant', value: 0 }, trainable: true },
        { name: 'scale.buffer', shape: [1], init: { kind: 'constant', value: 2 }, trainable: false },
      ],
      forward: (p, x) => {
        const r = tf.reshape(x, [x.shape[0], 16]) as tf.Tensor2D;
        return { logits: tf.mul(tf.add(tf.matMul(r, p['fc.weight'] as tf.Tensor2D), p['fc.bias']), p['scale.buffer']) as tf.Tensor2D, representation: r };
      },
    });
    const p0 = model.init(0);
    // Act
    const out = localTrain(model, p0, all, opts());
    // Assert
    expect(paramsDigest({ b: out.params['scale.buffer'] })).toBe(paramsDigest({ b: p0['scale.buffer'] }));
    expect(out.params['scale.buffer']).not.toBe(p0['scale.buffer']); // a copy the caller owns
    expect(diff(out.params, p0, 'fc.weight').some((v) => v !== 0)).toBe(true);
    [p0, out.params].forEach(disposeParams);
  });

  it('adds λθ to the gradient when l2 > 0 (one full-batch step)', () => {
    // Arrange
    const model = makeModel({ kind: 'logReg', init: 'uniform', inputShape: [4, 4, 1], numClasses: 3 });
    const p0 = model.init(2);
    const lambda = 0.3;
    const eta = 0.5;
    // Act
    const plain = localTrain(model, p0, all, opts({ batchSize: 20, lr: { kind: 'constant', eta } }));
    const reg = localTrain(model, p0, all, opts({ batchSize: 20, lr: { kind: 'constant', eta }, l2: lambda }));
    // Assert: θ_reg − θ_plain = −η λ θ₀
    const d = diff(reg.params, plain.params, 'fc.weight');
    const w0 = toFloat64(p0['fc.weight']);
    const err = Math.sqrt(d.reduce((s, v, i) => s + (v + eta * lambda * w0[i]) ** 2, 0));
    const scale = Math.sqrt(w0.reduce((s, v) => s + (eta * lambda * v) ** 2, 0));
    expect(err / scale).toBeLessThan(TOL.float32);
    [p0, plain.params, reg.params].forEach(disposeParams);
  });

  it('uses the schedule: inverseRound at round 3 takes a quarter of the round-0 step', () => {
    // Arrange
    const model = makeModel({ kind: 'logReg', init: 'uniform', inputShape: [4, 4, 1], numClasses: 3 });
    const p0 = model.init(2);
    const lr = { kind: 'inverseRound', eta0: 0.2 } as const;
    // Act
    const r0 = localTrain(model, p0, all, opts({ batchSize: 20, lr, round: 0 }));
    const r3 = localTrain(model, p0, all, opts({ batchSize: 20, lr, round: 3 }));
    // Assert
    const d0 = diff(r0.params, p0, 'fc.weight');
    const d3 = diff(r3.params, p0, 'fc.weight');
    const err = Math.sqrt(d3.reduce((s, v, i) => s + (4 * v - d0[i]) ** 2, 0)) / Math.sqrt(d0.reduce((s, v) => s + v * v, 0));
    expect(err).toBeLessThan(TOL.float32);
    [p0, r0.params, r3.params].forEach(disposeParams);
  });

  it('is deterministic in its stream, differs across streams, and leaks no tensors', () => {
    // Arrange
    const p0 = logReg.init(0);
    // Act
    const [a, b, c] = expectNoNewTensors(() => {
      const run = (k: number): string => {
        const out = localTrain(logReg, p0, all, opts({ rng: makeRng(0, 'round', 0, 'client', k, 'local') }));
        const digest = paramsDigest(out.params);
        disposeParams(out.params);
        return digest;
      };
      return [run(0), run(0), run(1)];
    });
    // Assert
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    disposeParams(p0);
  });

  it('validates its options', () => {
    // Arrange
    const p0 = logReg.init(0);
    // Act / Assert
    expect(() => localTrain(logReg, p0, all, opts({ epochs: 0 }))).toThrow(/epochs must be an integer >= 1 \(got 0\)/);
    expect(() => localTrain(logReg, p0, all, opts({ l2: -1 }))).toThrow(/l2/);
    expect(() => localTrain(logReg, p0, all, opts({ lr: { kind: 'constant', eta: -1 } }))).toThrow(/eta/);
    disposeParams(p0);
  });
});
