import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, expectNoNewTensors, initBackend, makeRng, randomUniformTensor, tf, toFloat64 } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { hardCrossEntropy } from '../../tensor/losses.js';
import { InputError } from '../../errors.js';
import type { Model } from '../types.js';
import { lenetDlg, mlp3 } from '../models/index.js';
import { maskedSampleGradient } from './maskedSampleGradient.js';
import { soteria } from './soteria.js';
import { soteriaScores } from './soteriaScores.js';

/** Relative agreement of two float32 computations of the same gradient. */
const GRAD_REL = 1e-5;

beforeAll(async () => {
  await initBackend('wasm');
});

interface Case { model: Model; params: ParamMap; x: tf.Tensor4D; y: tf.Tensor1D; dispose(): void }

function makeCase(model: Model, batch: number, seed: number): Case {
  const params = model.init(seed);
  const x = randomUniformTensor(makeRng(seed, 'x'), [batch, ...model.inputShape]) as tf.Tensor4D;
  const y = tf.tensor1d(Array.from({ length: batch }, (_, b) => (b * 3 + seed) % model.numClasses), 'int32');
  return { model, params, x, y, dispose: () => { disposeParams(params); tf.dispose([x, y]); } };
}

function maxRelDiff(a: tf.Tensor, b: tf.Tensor): number {
  const va = toFloat64(a);
  const vb = toFloat64(b);
  let scale = 0;
  let diff = 0;
  va.forEach((v, i) => { scale = Math.max(scale, Math.abs(v)); diff = Math.max(diff, Math.abs(v - vb[i])); });
  return diff / scale;
}

describe('maskedSampleGradient (Algorithm 2 granularity)', () => {
  it.each([
    ['lenetDlg 8×8', lenetDlg({ inputShape: [8, 8, 1] })],
    ['mlp3 fc3', mlp3({ inputShape: [4, 4, 1], hidden: [10, 6] })],
  ])('%s: the logits shortcut equals per-sample autodiff, and all-keep equals the batch gradient', (_, model) => {
    expectNoNewTensors(() => {
      // Arrange
      const c = makeCase(model, 3, 11);
      const L = model.representationSize;
      const keep = Float32Array.from({ length: 3 * L }, (_, j) => (j % 3 === 0 ? 0 : 1));
      const wName = `${model.representationLayer}.weight`;
      // Act
      const viaLogits = maskedSampleGradient(model, c.params, c.x, c.y, model.representationLayer, keep, 'logits');
      const viaAutodiff = maskedSampleGradient(model, c.params, c.x, c.y, model.representationLayer, keep, 'autodiff');
      const allKeep = maskedSampleGradient(model, c.params, c.x, c.y, model.representationLayer, new Float32Array(3 * L).fill(1));
      const batch = tf.grad((w: tf.Tensor) => hardCrossEntropy(model.apply({ ...c.params, [wName]: w }, c.x).logits, c.y))(c.params[wName]);
      // Assert
      expect(maxRelDiff(viaLogits, viaAutodiff)).toBeLessThan(GRAD_REL);
      expect(maxRelDiff(allKeep, batch)).toBeLessThan(GRAD_REL);
      tf.dispose([viaLogits, viaAutodiff, allKeep, batch]);
      c.dispose();
    });
  });
});

describe('soteriaScores', () => {
  it("'pinv' (whole Jacobian) is ≤ |'notebook'| score for every feature (theory-spec §1.2)", () => {
    // Arrange: sigmoid LeNet, L = 48 features, D = 64 pixels
    const model = lenetDlg({ inputShape: [8, 8, 1] });
    const c = makeCase(model, 2, 5);
    // Act
    const pinv = soteriaScores(model, c.params, c.x, 'pinv').scores;
    const notebook = soteriaScores(model, c.params, c.x, 'notebook').scores;
    // Assert
    let strictlyBelow = 0;
    pinv.forEach((s, j) => {
      expect(s).toBeLessThanOrEqual(Math.abs(notebook[j]) * (1 + 1e-4));
      if (s < Math.abs(notebook[j]) * (1 - 1e-3)) strictlyBelow++;
    });
    expect(strictlyBelow).toBeGreaterThan(0); // rows are not orthogonal: the bound is not an equality
    c.dispose();
  });
});

describe('soteria', () => {
  it("official rule + 'notebook' on a ReLU net with dead units: NaN scores, nothing pruned (PAPER.md §7)", () => {
    // Arrange: a negative fc1 bias kills some ReLU units of r (input of fc2) → 0/0 scores
    const model = mlp3({ inputShape: [3, 3, 1], hidden: [16, 5], representationLayer: 'fc2' });
    const c = makeCase(model, 2, 3);
    const bias = tf.fill([16], -0.3);
    const params = { ...c.params, 'fc1.bias': bias };
    const grads = tf.tidy(() => Object.fromEntries(Object.entries(params).map(([n, t]) => [n, tf.onesLike(t)])));
    // Act
    const r = soteria({ kind: 'soteria', percent: 60 }).apply(grads, { model, params, x: c.x, y: c.y, rng: makeRng(1) });
    // Assert
    expect(r.stats.zeroFeatures).toBeGreaterThan(0);
    expect(r.stats.threshold).toBe('NaN');
    expect(r.stats.prunedFeatures).toBe(0);
    tf.dispose([bias, ...Object.values(grads), ...Object.values(r.grads)]);
    c.dispose();
  });

  it('refuses a layer other than the representation layer and unaffordable pinv (InputError)', () => {
    // Arrange
    const small = mlp3({ inputShape: [3, 3, 1], hidden: [4, 4] });
    const big = lenetDlg(); // 32×32×3: L·D = 768·3072 > 2e6
    const cs = makeCase(small, 1, 1);
    const cb = makeCase(big, 1, 1);
    const g = (p: ParamMap): ParamMap => tf.tidy(() => Object.fromEntries(Object.entries(p).map(([n, t]) => [n, tf.zerosLike(t)])));
    const gs = g(cs.params);
    const gb = g(cb.params);
    // Act / Assert
    expect(() => soteria({ kind: 'soteria', percent: 10, layer: 'fc2' }).apply(gs, { model: small, params: cs.params, x: cs.x, y: cs.y, rng: makeRng(1) })).toThrow(InputError);
    expect(() => soteria({ kind: 'soteria', percent: 10, score: 'pinv' }).apply(gb, { model: big, params: cb.params, x: cb.x, y: cb.y, rng: makeRng(1) })).toThrow(/unaffordable/);
    expect(() => soteria({ kind: 'soteria', percent: 101 })).toThrow(InputError);
    tf.dispose([...Object.values(gs), ...Object.values(gb)]);
    cs.dispose();
    cb.dispose();
  });
});
