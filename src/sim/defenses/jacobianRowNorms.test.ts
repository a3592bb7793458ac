import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, expectNoNewTensors, initBackend, makeRng, randomUniformTensor, tf } from '../../tensor/index.js';
import type { Model } from '../types.js';
import { lenetDlg, mlp3 } from '../models/index.js';
import { jacobianRowNorms } from './jacobianRowNorms.js';
import { jacobianRowNormsLoop } from './jacobianRowNormsLoop.js';

/** Relative agreement between batched and per-feature-loop norms (float32 sums in different shapes). */
const ROW_NORM_REL = 1e-5;

beforeAll(async () => {
  await initBackend('wasm');
});

function compare(model: Model, batch: number, seed: number, featuresPerPass?: number): { maxRel: number; passes: number } {
  const params = model.init(seed);
  const x = randomUniformTensor(makeRng(seed, 'x'), [batch, ...model.inputShape]) as tf.Tensor4D;
  const { norms, plan } = jacobianRowNorms(model, params, x, { featuresPerPass });
  const loop = jacobianRowNormsLoop(model, params, x);
  let maxRel = 0;
  let scale = 0;
  loop.forEach((v) => (scale = Math.max(scale, Math.abs(v))));
  loop.forEach((v, j) => (maxRel = Math.max(maxRel, Math.abs(norms[j] - v) / scale)));
  disposeParams(params);
  x.dispose();
  return { maxRel, passes: plan.passes };
}

describe('jacobianRowNorms (batched) equals the official per-feature loop', () => {
  it('on the DLG LeNet at 16×16×1 (L = 192), several chunk sizes', () => {
    // Arrange
    const model = lenetDlg({ inputShape: [16, 16, 1] });
    // Act
    const planned = expectNoNewTensors(() => compare(model, 3, 1));
    const chunked = expectNoNewTensors(() => compare(model, 3, 2, 50)); // 4 passes, last one partial
    // Assert
    expect(planned.maxRel).toBeLessThan(ROW_NORM_REL);
    expect(chunked.passes).toBe(4);
    expect(chunked.maxRel).toBeLessThan(ROW_NORM_REL);
  });

  it('on a small ReLU mlp3 (r = input of fc2) and with one feature per pass', () => {
    // Arrange
    const model = mlp3({ inputShape: [5, 5, 1], hidden: [12, 7], representationLayer: 'fc2' });
    // Act
    const planned = expectNoNewTensors(() => compare(model, 4, 3));
    const single = expectNoNewTensors(() => compare(model, 4, 4, 1));
    // Assert
    expect(planned.maxRel).toBeLessThan(ROW_NORM_REL);
    expect(single.passes).toBe(12);
    expect(single.maxRel).toBeLessThan(ROW_NORM_REL);
  });

  it('gives row norms equal to the weight column norms for logistic regression (r = x, J = I)', () => {
    // Arrange: r = flatten(x), so ∂r_i/∂x is the i-th unit vector and every norm is 1
    const model = mlp3({ inputShape: [3, 3, 1], hidden: [4, 4], representationLayer: 'fc1' });
    const params = model.init(5);
    const x = randomUniformTensor(makeRng(5, 'x'), [2, 3, 3, 1]) as tf.Tensor4D;
    // Act
    const { norms } = jacobianRowNorms(model, params, x);
    // Assert
    expect(Array.from(norms)).toEqual(new Array(18).fill(1));
    disposeParams(params);
    x.dispose();
  });
});
