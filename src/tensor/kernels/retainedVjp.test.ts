import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { initBackend } from '../backend.js';
import { makeRng } from '../rng.js';
import { conv2dPt, maxPool2d } from '../ops.js';
import { expectNoNewTensors } from '../testing.js';
import { readFloat32 } from '../convert.js';
import { retainedVjp } from './retainedVjp.js';

// retainedVjp (one forward, many backward passes) against tf.grad (a forward per cotangent) on
// random small conv nets (seeded): same vector-Jacobian products for several cotangents, no
// tensor left alive after dispose, and no retained forward under an enclosing tape.

const SEED = 20261126;

interface NetCase { n: number; h: number; w: number; c: number; co: number; stride: number; pool: boolean; sig: boolean; cotangents: number; seed: number }

const netArb: fc.Arbitrary<NetCase> = fc.record({
  n: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 4, max: 9 }), w: fc.integer({ min: 4, max: 9 }), c: fc.constantFrom(1, 3, 5),
  co: fc.integer({ min: 1, max: 4 }), stride: fc.constantFrom(1, 2), pool: fc.boolean(), sig: fc.boolean(),
  cotangents: fc.integer({ min: 1, max: 4 }), seed: fc.nat({ max: 1_000_000 }),
});

function values(shape: number[], seed: number, tag: string): tf.Tensor {
  const rng = makeRng(seed, 'retainedVjp.test', tag);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1), shape);
}

/** conv (pad 1) – sigmoid or relu – optional 2×2 max pool (floor) – flatten – square. */
function net(c: NetCase, w: tf.Tensor4D, b: tf.Tensor1D): (x: tf.Tensor) => tf.Tensor {
  return (x) => {
    const z = conv2dPt(x as tf.Tensor4D, w, b, c.stride, 1);
    const a = c.sig ? tf.sigmoid(z) : tf.relu(z);
    const p = c.pool && a.shape[1] >= 2 && a.shape[2] >= 2 ? maxPool2d(a as tf.Tensor4D, 2, 'floor') : a;
    return tf.square(tf.reshape(p, [c.n, -1]));
  };
}

function compareOn(c: NetCase): number {
  return tf.tidy(() => {
    const x = values([c.n, c.h, c.w, c.c], c.seed, 'x');
    const f = net(c, values([3, 3, c.c, c.co], c.seed, 'w') as tf.Tensor4D, values([c.co], c.seed, 'b') as tf.Tensor1D);
    const ySize = f(x).shape;
    const dys = Array.from({ length: c.cotangents }, (_, k) => values(ySize, c.seed, `dy${k}`));
    const expected = dys.map((dy) => readFloat32(tf.grad(f)(x, dy)));
    const retained = retainedVjp(f, x);
    if (retained === undefined) throw new Error('retainedVjp refused at gradient depth 0');
    const got = dys.map((dy) => readFloat32(retained.vjp(dy)));
    retained.dispose();
    let err = 0;
    expected.forEach((e, k) => e.forEach((v, j) => (err = Math.max(err, Math.abs(v - got[k][j])))));
    return err;
  });
}

describe('retainedVjp', () => {
  afterAll(async () => {
    await initBackend('wasm');
  });

  it.each(['cpu', 'wasm'] as const)('%s: equals tf.grad for every cotangent and leaks nothing', async (backend) => {
    await initBackend(backend);
    fc.assert(fc.property(netArb, (c) => {
      // Arrange / Act
      const err = expectNoNewTensors(() => compareOn(c));
      // Assert: the same gradient kernels run in the same order, so the results are identical
      expect(err).toBe(0);
    }), { seed: SEED, numRuns: 25 });
  });

  it('refuses under an enclosing gradient tape (the caller falls back to tf.grad)', async () => {
    // Arrange
    await initBackend('cpu');
    let inner: unknown = 'not called';
    // Act
    tf.tidy(() => {
      tf.grad((x: tf.Tensor) => {
        inner = retainedVjp((t) => tf.square(t), x);
        return tf.sum(tf.square(x));
      })(tf.ones([2]));
    });
    // Assert
    expect(inner).toBeUndefined();
  });

  it('releases the tape when f throws, rejects a dy of the wrong shape, and never returns dy itself', async () => {
    // Arrange
    await initBackend('cpu');
    const x = tf.ones([2, 3]);
    const dy = tf.ones([2, 3]);
    // Act / Assert: a throwing f leaves no saved tensor behind
    expectNoNewTensors(() => {
      expect(() => retainedVjp((t) => { tf.exp(tf.mul(t, 2)); throw new Error('boom'); }, x)).toThrow('boom');
    });
    const identity = retainedVjp((t) => tf.reshape(t, [2, 3]), x);
    if (identity === undefined) throw new Error('retainedVjp refused at gradient depth 0');
    expect(() => identity.vjp(tf.ones([3, 2]))).toThrow(/dy must match f\(x\) \(got float32 \[3, 2\], expected float32 \[2, 3\]\)/);
    const g = identity.vjp(dy);
    expect(g).not.toBe(dy);
    identity.dispose();
    tf.dispose([x, dy, g]);
  });
});
