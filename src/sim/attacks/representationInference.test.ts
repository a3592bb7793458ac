import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, expectNoNewTensors, fromFloat64, initBackend, makeRng, tf, toFloat64, TOL, uniform } from '../../tensor/index.js';
import { InputError } from '../../errors.js';
import { makeSyntheticDataset } from '../data/index.js';
import { correlation } from '../metrics/correlation.js';
import { fedAvgCnn, lenetDlg, mlp3 } from '../models/index.js';
import type { Model } from '../types.js';
import { disposeCase, makeClientCase, wireInput } from './attackTestKit.js';
import { targetGradients } from './dlgObjective.js';
import { fcChain } from './fcChain.js';
import { representationInference } from './representationInference.js';

/** The true representation at the input of `layer`, via the mlp3 variant whose r is there. */
function trueRep(model: Model, layer: 'fc1' | 'fc2' | 'fc3', params: Parameters<Model['apply']>[0], x: tf.Tensor4D): Float64Array {
  const m = mlp3({ inputShape: model.inputShape, hidden: [24, 12], representationLayer: layer });
  const r = m.apply(params, x).representation;
  const v = toFloat64(r);
  r.dispose();
  return v;
}

function relErr(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  a.forEach((v, i) => { num += (v - b[i]) ** 2; den += b[i] ** 2; });
  return Math.sqrt(num / den);
}

describe('fcChain', () => {
  it('walks the consecutive dense layers at the end, top-down', () => {
    expect(fcChain(mlp3({ inputShape: [4, 4, 1] }))).toEqual(['fc3', 'fc2', 'fc1']);
    expect(fcChain(mlp3({ inputShape: [4, 4, 1] }), 2)).toEqual(['fc3', 'fc2']);
    expect(fcChain(lenetDlg({ inputShape: [8, 8, 1] }))).toEqual(['fc']);
    expect(fcChain(fedAvgCnn({ inputShape: [28, 28, 1] }))).toEqual(['fc2', 'fc1']);
    expect(() => fcChain(mlp3({ inputShape: [4, 4, 1] }), 0)).toThrow(InputError);
  });
});

describe('representationInference', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('batch 1 on lenetDlg: the inferred r at the defended layer is the true r (analytic fact)', () => {
    // Arrange
    const model = lenetDlg({ inputShape: [16, 16, 1] });
    const c = makeClientCase(model, 5, uniform(makeRng(5, 'test', 'image'), 256), 7);
    const r = model.apply(c.params, c.x).representation;
    const truth = toFloat64(r);
    r.dispose();
    // Act
    const inf = expectNoNewTensors(() => representationInference(wireInput(c), { classes: { kind: 'topK', k: 1 } }));
    disposeCase(c);
    // Assert
    expect(inf.layers).toEqual(['fc']);
    expect(inf.classes[0].label).toBe(7);
    const hat = inf.classes[0].layers[0];
    expect(hat.scale).toBe('bias');
    expect(1 - correlation(hat.representation, truth)).toBeLessThan(TOL.float32);
    expect(relErr(hat.representation, truth)).toBeLessThan(TOL.float32);
  });

  it('batch 1 on mlp3: every layer of the walk is exact (FC3, FC2 and the image at FC1)', () => {
    const model = mlp3({ inputShape: [5, 5, 1], hidden: [24, 12] });
    const pixels = uniform(makeRng(6, 'test', 'image'), 25);
    const c = makeClientCase(model, 6, pixels, 2);
    const inf = representationInference(wireInput(c), { classes: { kind: 'topK', k: 1 } });
    const truths = (['fc3', 'fc2', 'fc1'] as const).map((l) => trueRep(model, l, c.params, c.x));
    disposeCase(c);
    expect(inf.layers).toEqual(['fc3', 'fc2', 'fc1']);
    inf.classes[0].layers.forEach((l, i) => expect(relErr(l.representation, truths[i])).toBeLessThan(TOL.float32));
  });

  it('detects the two classes of a two-class batch and infers representations close to their means', () => {
    // Arrange: 2 classes × 6 samples, the mean-loss gradient of an untrained mlp3
    const model = mlp3({ inputShape: [5, 5, 1], hidden: [24, 12] });
    const ds = makeSyntheticDataset({ seed: 9, n: 200, shape: [5, 5, 1], numClasses: 10, kind: 'blobs' });
    const idx = [...ds.labels.keys()].filter((i) => ds.labels[i] === 3 || ds.labels[i] === 8).slice(0, 12);
    const params = model.init(9);
    const x = fromFloat64(idx.flatMap((i) => [...ds.images.subarray(i * 25, i * 25 + 25)]), [12, 5, 5, 1]) as tf.Tensor4D;
    const y = tf.tensor1d(idx.map((i) => ds.labels[i]), 'int32');
    const grads = targetGradients(model, params, x, y);
    // Act
    const inf = representationInference({ model, params, shared: { grads, numExamples: 12 }, knowledge: { batchSize: 12 } });
    const r = model.apply(params, x).representation;
    const reps = toFloat64(r);
    tf.dispose([x, y, r]);
    disposeParams(params);
    disposeParams(grads);
    // Assert
    expect([...inf.detected].sort((a, b) => a - b)).toEqual([3, 8]);
    for (const cls of inf.classes) {
      const mean = new Float64Array(12);
      idx.forEach((i, n) => { if (ds.labels[i] === cls.label) for (let j = 0; j < 12; j++) mean[j] += reps[n * 12 + j] / 6; });
      expect(correlation(cls.layers[0].representation, mean)).toBeGreaterThan(0.9);
    }
  });

  it('addresses gradients by name and says which one is missing', () => {
    const model = mlp3({ inputShape: [3, 3, 1], hidden: [6, 4] });
    const c = makeClientCase(model, 1, uniform(makeRng(1, 'test', 'image'), 9), 0);
    const { 'fc2.bias': _dropped, ...rest } = c.grads;
    const reordered = Object.fromEntries(Object.entries(c.grads).reverse());
    const a = representationInference(wireInput(c));
    const b = representationInference(wireInput(c, reordered));
    expect(() => representationInference(wireInput(c, rest))).toThrow(/fc2\.bias/);
    expect(() => representationInference(wireInput(c), { topUnits: 0 })).toThrow(InputError);
    disposeCase(c);
    expect(b).toEqual(a);
  });
});
