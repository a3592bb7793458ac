/**
 * Metric conformance laws (ecosystem.md (d) 6): MSE ≥ 0, = 0 iff equal, symmetric; PSNR strictly
 * decreasing in MSE; SSIM symmetric, ≤ 1, = 1 on identical inputs; Hungarian optimal against
 * brute force (n ≤ 6); matched batch scores invariant under permutation of either batch.
 * Arbitraries are plain data (shapes, seeds, grids of numbers); images are built from a seeded Rng.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hungarian, matchReconstructions, mse, psnr, ssim } from '../../src/sim/metrics/index.js';
import type { ImageBatch } from '../../src/sim/metrics/index.js';
import { makeRng, shuffled } from '../../src/tensor/rng.js';
import { TOL } from '../../src/tensor/tolerances.js';

type Shape = [number, number, number, number];

const seedArb = fc.nat({ max: 2 ** 31 - 1 });
const shapeArb = (minHw: number, maxHw: number, maxN = 3): fc.Arbitrary<Shape> =>
  fc.tuple(fc.integer({ min: 1, max: maxN }), fc.integer({ min: minHw, max: maxHw }), fc.integer({ min: minHw, max: maxHw }), fc.integer({ min: 1, max: 3 }));

/** Two batches of the same shape on a 1/256 grid in [−2, 2] (no underflow when squaring differences). */
const gridPairArb = shapeArb(1, 4).chain((shape) => {
  const len = shape.reduce((p, d) => p * d, 1);
  const values = fc.array(fc.integer({ min: -512, max: 512 }), { minLength: len, maxLength: len });
  return fc.record({ shape: fc.constant(shape), a: values, b: values });
});
const toBatch = (xs: number[], shape: Shape): ImageBatch => ({ data: Float64Array.from(xs, (x) => x / 256), shape });

function seededBatch(seed: number, shape: Shape, scale: number, ...path: string[]): ImageBatch {
  const rng = makeRng(seed, 'metrics.prop', ...path);
  return { data: Float64Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => scale * rng.next()), shape };
}

describe('mse', () => {
  it('is ≥ 0, symmetric, and 0 iff the images are equal (per image)', () => {
    fc.assert(
      fc.property(gridPairArb, ({ shape, a, b }) => {
        // Arrange
        const [x, y] = [toBatch(a, shape), toBatch(b, shape)];
        const size = a.length / shape[0];
        // Act
        const xy = mse(x, y, 'pixels01');
        const yx = mse(y, x, 'pixels01');
        // Assert
        expect(xy.perImage).toEqual(yx.perImage);
        xy.perImage.forEach((e, i) => {
          const equal = a.slice(i * size, (i + 1) * size).every((v, k) => v === b[i * size + k]);
          expect(e).toBeGreaterThanOrEqual(0);
          expect(e === 0).toBe(equal);
        });
        expect(mse(x, x, 'pixels01').value).toBe(0);
      }),
    );
  });
});

describe('psnr', () => {
  it('strictly decreases as the MSE grows (b = a + t·d, t1 < t2)', () => {
    fc.assert(
      fc.property(seedArb, shapeArb(1, 5), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 1.01, max: 4, noNaN: true }), (seed, shape, t1, ratio) => {
        // Arrange
        const a = seededBatch(seed, shape, 1, 'a');
        const d = seededBatch(seed, shape, 1, 'd');
        const shifted = (t: number): ImageBatch => ({ data: a.data.map((v, k) => v + t * (d.data[k] + 0.1)), shape });
        // Act
        const [m1, m2] = [mse(a, shifted(t1), 'pixels01'), mse(a, shifted(t1 * ratio), 'pixels01')];
        const [p1, p2] = [psnr(a, shifted(t1), { space: 'pixels01' }), psnr(a, shifted(t1 * ratio), { space: 'pixels01' })];
        // Assert
        m1.perImage.forEach((e, i) => expect(e).toBeLessThan(m2.perImage[i]));
        p1.perImage.forEach((v, i) => expect(v).toBeGreaterThan(p2.perImage[i]));
        expect(p1.value).toBeGreaterThan(p2.value);
      }),
    );
  });
});

describe('ssim', () => {
  it('is symmetric, ≤ 1, and 1 on identical inputs', () => {
    fc.assert(
      fc.property(seedArb, shapeArb(11, 14, 2), fc.constantFrom(1, 2, 255), (seed, shape, dataRange) => {
        // Arrange
        const a = seededBatch(seed, shape, dataRange, 'a');
        const b = seededBatch(seed, shape, dataRange, 'b');
        const opts = { space: 'pixels01', dataRange } as const;
        // Act
        const ab = ssim(a, b, opts);
        const ba = ssim(b, a, opts);
        const aa = ssim(a, a, opts);
        // Assert
        ab.perImage.forEach((v, i) => expect(Math.abs(v - ba.perImage[i])).toBeLessThan(TOL.float64));
        ab.perImage.forEach((v) => expect(v).toBeLessThanOrEqual(1 + TOL.float64));
        aa.perImage.forEach((v) => expect(Math.abs(v - 1)).toBeLessThan(TOL.float64));
      }),
    );
  });
});

/** Minimum of Σ cost[i][σ(i)] over all injective σ, by enumeration. */
function bruteForceMin(cost: number[][], i = 0, used: ReadonlySet<number> = new Set()): number {
  if (i === cost.length) return 0;
  let best = Infinity;
  cost[i].forEach((c, j) => {
    if (!used.has(j)) best = Math.min(best, c + bruteForceMin(cost, i + 1, new Set([...used, j])));
  });
  return best;
}

const costArb = fc
  .record({ n: fc.integer({ min: 1, max: 6 }), extra: fc.integer({ min: 0, max: 1 }), real: fc.boolean() })
  .chain(({ n, extra, real }) => {
    const m = Math.min(6, n + extra);
    const cell = real ? fc.double({ min: -100, max: 100, noNaN: true }) : fc.integer({ min: 0, max: 5 });
    return fc.array(fc.array(cell, { minLength: m, maxLength: m }), { minLength: n, maxLength: n });
  });

describe('hungarian', () => {
  it('is a one-to-one assignment whose total cost equals the brute-force optimum (n ≤ m ≤ 6)', () => {
    fc.assert(
      fc.property(costArb, (cost) => {
        // Act
        const asg = hungarian(cost);
        // Assert
        const m = cost[0].length;
        expect(new Set(asg).size).toBe(cost.length);
        expect(asg.every((j) => Number.isInteger(j) && j >= 0 && j < m)).toBe(true);
        const got = asg.reduce((s, j, i) => s + cost[i][j], 0);
        const best = bruteForceMin(cost);
        expect(Math.abs(got - best)).toBeLessThanOrEqual(TOL.float64 * (1 + Math.abs(best)));
      }),
    );
  });
});

describe('matchReconstructions', () => {
  it('gives the same matched total whichever order either batch comes in', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 4 }), fc.constantFrom('mse', 'ssim') as fc.Arbitrary<'mse' | 'ssim'>, (seed, n, metric) => {
        // Arrange
        const shape: Shape = [n, 11, 11, 1];
        const recon = seededBatch(seed, shape, 1, 'recon');
        const truth = seededBatch(seed, shape, 1, 'truth');
        const perm = shuffled(makeRng(seed, 'metrics.prop', 'perm'), Array.from({ length: n }, (_, i) => i));
        const size = 121;
        const permute = (b: ImageBatch): ImageBatch => ({ data: Float64Array.from({ length: b.data.length }, (_, k) => b.data[perm[Math.floor(k / size)] * size + (k % size)]), shape });
        const opts = { space: 'pixels01', metric } as const;
        // Act
        const base = matchReconstructions(recon, truth, opts);
        const byRecon = matchReconstructions(permute(recon), truth, opts);
        const byTruth = matchReconstructions(recon, permute(truth), opts);
        // Assert
        expect(Math.abs(byRecon.meanScore - base.meanScore)).toBeLessThan(TOL.float64);
        expect(Math.abs(byTruth.meanScore - base.meanScore)).toBeLessThan(TOL.float64);
        expect(new Set(byRecon.assignment).size).toBe(n);
      }),
    );
  });
});
