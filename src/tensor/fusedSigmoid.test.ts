import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from './tf.js';
import { initBackend } from './backend.js';
import { makeRng } from './rng.js';
import { gaussian } from './samplers.js';
import { toFloat64 } from './convert.js';
import { expectNoNewTensors } from './testing.js';
import { TOL } from './tolerances.js';
import { sigmoidAdjoint, sigmoidBackward } from './fusedSigmoid.js';

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor): number => Math.max(...toFloat64(a).map((v, i) => Math.abs(v - toFloat64(b)[i])));

describe.each(['cpu', 'wasm'] as const)('fused sigmoid kernels on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('sigmoidBackward equals v ⊙ s(1 − s) (+ extra) written with tfjs ops', () => {
    // Arrange
    const shape = [2, 5, 3, 4];
    const draw = (name: string): tf.Tensor => tf.tensor(Float32Array.from(gaussian(makeRng(5, 'fused', name), 120)), shape);
    const [v, u, extra] = [draw('v'), draw('u'), draw('extra')];
    const s = tf.sigmoid(u);
    // Act
    const [plain, withExtra] = [sigmoidBackward(v, s), sigmoidBackward(v, s, extra)];
    expectNoNewTensors(() => sigmoidAdjoint(v, extra, s).forEach((t) => t.dispose())); // nothing else is left behind
    // Assert: against the derivative of tfjs's own sigmoid, ∂/∂u ⟨v, σ(u)⟩
    const ref = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.sigmoid(a), v)))(u);
    const refExtra = tf.add(ref, extra);
    expect(plain.shape).toEqual(shape);
    expect(maxAbsDiff(plain, ref)).toBeLessThan(TOL.float32);
    expect(maxAbsDiff(withExtra, refExtra)).toBeLessThan(TOL.float32);
    tf.dispose([v, u, extra, s, ref, refExtra, plain, withExtra]);
  });

  it('sigmoidAdjoint pushes ē through σ′ and returns the σ″ term e ⊙ ē ⊙ σ′(1 − 2σ)', () => {
    // Arrange: σ″(u) = σ′(u)(1 − 2σ(u)), the derivative of σ′ = ∂σ/∂u
    const shape = [1, 4, 4, 3];
    const draw = (name: string): tf.Tensor => tf.tensor(Float32Array.from(gaussian(makeRng(6, 'fused', name), 48)), shape);
    const [eb, e, u] = [draw('eb'), draw('e'), draw('u')];
    const s = tf.sigmoid(u);
    // Act
    const [pushed, second] = sigmoidAdjoint(eb, e, s);
    // Assert: pushed = ∂/∂w ⟨ē, σ(w)⟩ at u; second = ∂/∂u ⟨ē ⊙ e, σ′(u)⟩ (σ′ via tfjs's gradient of σ)
    const refPushed = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.sigmoid(a), eb)))(u);
    const sigmaPrime = (a: tf.Tensor): tf.Tensor => tf.grad((b: tf.Tensor) => tf.sum(tf.sigmoid(b)))(a);
    const refSecond = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(sigmaPrime(a), tf.mul(eb, e))))(u);
    expect(maxAbsDiff(pushed, refPushed)).toBeLessThan(TOL.float32);
    expect(maxAbsDiff(second, refSecond)).toBeLessThan(TOL.float32);
    tf.dispose([eb, e, u, s, pushed, second, refPushed, refSecond]);
  });
});

describe('fused sigmoid steps: input checks', () => {
  it('refuse inputs of different shapes, naming them', () => {
    // Arrange
    const a = tf.ones([2, 3]);
    const b = tf.ones([3, 2]);
    // Act / Assert
    expect(() => sigmoidBackward(a, b)).toThrow(/sigmoidBackward: inputs must have one shape \(got v \[2, 3\], s \[3, 2\]\)/);
    expect(() => sigmoidAdjoint(a, a, b)).toThrow(/sigmoidAdjoint: inputs must have one shape/);
    tf.dispose([a, b]);
  });
});
