/**
 * Properties of the seeded samplers over arbitrary seeds, sizes and parameters: outputs are
 * finite and in their support, Dirichlet draws lie on the simplex even for tiny alphas, and
 * every sampler is a pure function of (seed, path, parameters).
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { makeRng } from '../../src/tensor/rng.js';
import { dirichlet, gamma, gaussian, laplace, uniform } from '../../src/tensor/samplers.js';
import { TOL } from '../../src/tensor/tolerances.js';

const seedArb = fc.nat({ max: 2 ** 31 - 1 });
const sizeArb = fc.nat({ max: 200 });
/** Positive parameters across many orders of magnitude (1e-6 … 1e3), built as 10^e. */
const positiveArb = fc.double({ min: -6, max: 3, noNaN: true }).map((e) => 10 ** e);
/** Dirichlet concentrations, including the tiny ones that underflow naive gamma sampling. */
const alphaArb = fc.array(fc.double({ min: -8, max: 2, noNaN: true }).map((e) => 10 ** e), { minLength: 1, maxLength: 12 });

test.prop([seedArb, sizeArb, fc.double({ min: -1e6, max: 1e6, noNaN: true }), positiveArb])(
  'uniform, gaussian and laplace give n finite values; uniform stays in [lo, hi]',
  (seed, n, lo, width) => {
    // Arrange
    const rng = makeRng(seed, 'prop', 'basic');
    // Act
    const u = uniform(rng, n, lo, lo + width);
    const g = gaussian(rng, n, lo, width);
    const l = laplace(rng, n, lo, width);
    // Assert
    expect([u.length, g.length, l.length]).toEqual([n, n, n]);
    expect(u.every((v) => v >= lo && v <= lo + width)).toBe(true);
    expect(g.every(Number.isFinite) && l.every(Number.isFinite)).toBe(true);
  },
);

test.prop([seedArb, sizeArb, positiveArb, positiveArb])('gamma gives finite non-negative values', (seed, n, shape, scale) => {
  // Arrange
  const rng = makeRng(seed, 'prop', 'gamma');
  // Act
  const x = gamma(rng, n, shape, scale);
  // Assert
  expect(x.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
});

test.prop([seedArb, alphaArb])('dirichlet draws lie on the simplex for any positive alpha', (seed, alpha) => {
  // Arrange
  const rng = makeRng(seed, 'prop', 'dirichlet');
  // Act
  const p = dirichlet(rng, alpha);
  // Assert
  expect(p.length).toBe(alpha.length);
  expect(p.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
  expect(Math.abs(p.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(TOL.float64);
});

test.prop([seedArb, fc.string({ maxLength: 8 }), alphaArb])(
  'every sampler is a pure function of (seed, path, parameters)',
  (seed, path, alpha) => {
    // Arrange
    const draw = (): number[][] => {
      const rng = makeRng(seed, path);
      return [gaussian(rng, 7), laplace(rng, 5), gamma(rng, 5, alpha[0]), dirichlet(rng, alpha)].map((a) => Array.from(a));
    };
    // Act / Assert
    expect(draw()).toEqual(draw());
  },
);
