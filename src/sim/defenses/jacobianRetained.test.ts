import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, expectNoNewTensors, initBackend, makeRng, maxRelativeError, randomUniformTensor, tf } from '../../tensor/index.js';
import { lenetDlg, mlp3 } from '../models/index.js';
import type { Model } from '../types.js';
import { jacobianRowNorms } from './jacobianRowNorms.js';
import { jacobianRowNormsLoop } from './jacobianRowNormsLoop.js';

// Both Jacobian paths record the forward pass once (retainedVjp) when no gradient tape encloses
// them, and fall back to one tf.grad per pass/feature (the original code) under a tape. Running
// them inside a tf.grad forces the fallback, so the two implementations are compared here.

beforeAll(async () => {
  await initBackend('wasm');
});

/** Row norms at gradient depth 0 (retained forward) and under an enclosing tape (tf.grad per pass). */
function bothPaths(run: () => Float64Array): { retained: Float64Array; fallback: Float64Array } {
  const retained = run();
  let fallback: Float64Array = new Float64Array(0);
  tf.tidy(() => {
    tf.grad((t: tf.Tensor) => {
      fallback = run();
      return tf.sum(t);
    })(tf.ones([1]));
  });
  return { retained, fallback };
}

describe.each([
  ['DLG LeNet 12×12×2', (): Model => lenetDlg({ inputShape: [12, 12, 2] }), 2],
  ['ReLU mlp3', (): Model => mlp3({ inputShape: [4, 5, 1], hidden: [9, 6], representationLayer: 'fc2' }), 3],
] as const)('retained forward vs tf.grad per pass on %s', (_name, makeModel, batch) => {
  it('batched (5 features per pass, last pass partial) and loop norms are identical on both paths', () => {
    // Arrange
    const model = makeModel();
    const params = model.init(7);
    const x = randomUniformTensor(makeRng(7, 'jacobianRetained', 'x'), [batch, ...model.inputShape]) as tf.Tensor4D;
    // Act
    const batched = expectNoNewTensors(() => bothPaths(() => jacobianRowNorms(model, params, x, { featuresPerPass: 5 }).norms));
    const loop = expectNoNewTensors(() => bothPaths(() => jacobianRowNormsLoop(model, params, x)));
    disposeParams(params);
    x.dispose();
    // Assert
    expect(batched.retained.length).toBe(batch * model.representationSize);
    expect(Math.max(...batched.retained)).toBeGreaterThan(0);
    expect(maxRelativeError(batched.fallback, batched.retained)).toBe(0);
    expect(maxRelativeError(loop.fallback, loop.retained)).toBe(0);
  });
});
