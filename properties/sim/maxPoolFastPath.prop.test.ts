/**
 * `maxPool2d`'s first-order fast path (`tf.maxPool`, taken when at most one gradient tape is
 * active) against its reference path (reshape + max, forced by `setMaxPoolFastPath(false)`), on
 * the cpu and wasm backends: identical values and identical first-order gradients in 'exact'
 * and 'floor' modes, on continuous inputs and on inputs full of ties; under nested tapes (DLG-style double backprop) the
 * reference path is taken, so second-order results do not depend on the switch.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, toFloat64, makeRng, randomNormalTensor } from '../../src/tensor/index.js';
import { maxPool2d, setMaxPoolFastPath } from '../../src/tensor/ops.js';
import type { PoolMode } from '../../src/tensor/ops.js';

interface PoolCase {
  readonly n: number;
  readonly ho: number;
  readonly wo: number;
  readonly c: number;
  readonly k: number;
  readonly mode: PoolMode;
  /** Extra rows/columns (< k) that 'floor' mode drops. */
  readonly extraH: number;
  readonly extraW: number;
  readonly seed: number;
}

const caseArb: fc.Arbitrary<PoolCase> = fc.record({
  n: fc.integer({ min: 1, max: 3 }), ho: fc.integer({ min: 1, max: 4 }), wo: fc.integer({ min: 1, max: 4 }),
  c: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 1, max: 3 }), mode: fc.constantFrom<PoolMode>('exact', 'floor'),
  extraH: fc.nat({ max: 2 }), extraW: fc.nat({ max: 2 }), seed: fc.nat({ max: 1_000_000 }),
});

const shapeOf = (p: PoolCase): [number, number, number, number] => {
  const extra = (e: number): number => (p.mode === 'floor' ? e % p.k : 0);
  return [p.n, p.ho * p.k + extra(p.extraH), p.wo * p.k + extra(p.extraW), p.c];
};

/**
 * Value of Σ w ⊙ maxPool2d(x) and its gradient in x (first order: one tape). With `ties`, x is
 * rounded to integers so that most windows hold several maximal entries.
 */
function firstOrder(p: PoolCase, fast: boolean, ties = false): { value: Float64Array; grad: Float64Array } {
  const previous = setMaxPoolFastPath(fast);
  try {
    const [value, grad] = tf.tidy(() => {
      const rng = makeRng(p.seed, 'maxPoolFastPath');
      const raw = randomNormalTensor(rng.fork('x'), shapeOf(p)) as tf.Tensor4D;
      const x = ties ? (tf.round(raw) as tf.Tensor4D) : raw;
      const w = randomNormalTensor(rng.fork('w'), [p.n, p.ho, p.wo, p.c]);
      return [maxPool2d(x, p.k, p.mode), tf.grad((a: tf.Tensor) => tf.sum(tf.mul(maxPool2d(a as tf.Tensor4D, p.k, p.mode), w)))(x)];
    });
    const out = { value: toFloat64(value), grad: toFloat64(grad) };
    tf.dispose([value, grad]);
    return out;
  } finally {
    setMaxPoolFastPath(previous);
  }
}

/** ∇_x ‖∇_v Σ v ⊙ maxPool2d(tanh(x)·v)‖² — a second-order gradient through the pooling. */
function secondOrder(seed: number, fast: boolean): Float64Array {
  const previous = setMaxPoolFastPath(fast);
  try {
    const g2 = tf.tidy(() => {
      const rng = makeRng(seed, 'maxPoolFastPath', 'second');
      const x = randomNormalTensor(rng.fork('x'), [2, 4, 6, 2]) as tf.Tensor4D;
      const v = randomNormalTensor(rng.fork('v'), [2]);
      const inner = (a: tf.Tensor): tf.Scalar => {
        const g = tf.grad((vv: tf.Tensor) => tf.sum(tf.mul(maxPool2d(tf.mul(tf.tanh(a), vv) as tf.Tensor4D, 2), vv)))(v);
        return tf.sum(tf.square(g));
      };
      return tf.grad(inner)(x);
    });
    const out = toFloat64(g2);
    g2.dispose();
    return out;
  } finally {
    setMaxPoolFastPath(previous);
  }
}

/** Values with −0 read as +0 (the reference path's gradient is dy·0, which keeps dy's sign). */
const plain = (a: Float64Array): number[] => Array.from(a, (v) => v + 0);

async function kernelNames(fn: () => void): Promise<Set<string>> {
  const info = await tf.profile(() => { fn(); });
  return new Set(info.kernels.map((k) => k.name));
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`maxPool2d fast path on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend(backend);
    });
    afterAll(() => {
      setMaxPoolFastPath(true);
    });

    it('equals the reference path in value and first-order gradient', () => {
      fc.assert(fc.property(caseArb, (p) => {
        // Act
        const fast = firstOrder(p, true);
        const ref = firstOrder(p, false);
        // Assert: identical up to the sign of zero (each output's gradient goes to its argmax on both paths)
        expect(plain(fast.value)).toEqual(plain(ref.value));
        expect(plain(fast.grad)).toEqual(plain(ref.grad));
      }));
    });

    it('equals the reference path on inputs full of ties (the gradient goes to every maximal entry on both)', () => {
      fc.assert(fc.property(caseArb, (p) => {
        // Act
        const fast = firstOrder(p, true, true);
        const ref = firstOrder(p, false, true);
        // Assert
        expect(plain(fast.value)).toEqual(plain(ref.value));
        expect(plain(fast.grad)).toEqual(plain(ref.grad));
      }));
    });

    it('equals the reference path on the FedAvg CNN pooling shapes (floor mode, batch 2)', () => {
      for (const [h, c] of [[28, 32], [14, 64], [7, 64]] as const) {
        // Arrange
        const p: PoolCase = { n: 2, ho: Math.floor(h / 2), wo: Math.floor(h / 2), c, k: 2, mode: 'floor', extraH: h % 2, extraW: h % 2, seed: h };
        // Act
        const fast = firstOrder(p, true);
        const ref = firstOrder(p, false);
        // Assert
        expect(plain(fast.value)).toEqual(plain(ref.value));
        expect(plain(fast.grad)).toEqual(plain(ref.grad));
      }
    });

    it('takes tf.maxPool under one tape and the reference path under nested tapes', async () => {
      // Arrange
      const x = randomNormalTensor(makeRng(1, 'maxPoolFastPath', 'kernels'), [1, 4, 4, 2]) as tf.Tensor4D;
      const pooledSum = (a: tf.Tensor): tf.Scalar => tf.sum(maxPool2d(a as tf.Tensor4D, 2));
      // Act
      const one = await kernelNames(() => tf.dispose(tf.grad(pooledSum)(x)));
      const nested = await kernelNames(() => tf.dispose(tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.grad(pooledSum)(a))))(x)));
      // Assert
      expect(one.has('MaxPool')).toBe(true);
      expect(nested.has('MaxPool')).toBe(false);
      expect(nested.has('Max')).toBe(true);
      x.dispose();
    });

    it('second-order gradients do not depend on the switch', () => {
      for (const seed of [0, 1, 2]) {
        // Act
        const on = secondOrder(seed, true);
        const off = secondOrder(seed, false);
        // Assert
        expect(on.some((g) => g !== 0)).toBe(true);
        expect(plain(on)).toEqual(plain(off));
      }
    });
  });
}
