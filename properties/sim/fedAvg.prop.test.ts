/**
 * FedAvg properties: the aggregator law bundle under the weights of every sampling scheme, weight
 * scale invariance (n_k → c·n_k changes nothing), and eq. (13)'s weight sum (N/K)·Σ_{draws} p_k.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregate, sampleClients } from '../../src/sim/fl/index.js';
import type { SamplingScheme } from '../../src/sim/fl/index.js';
import { initBackend, makeRng, TOL } from '../../src/tensor/index.js';
import { assertAggregatorLaws } from '../laws/aggregatorLaws.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const sizesArb = fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 });
const selectionArb = (scheme: SamplingScheme): fc.Arbitrary<{ sizes: number[]; k: number; seed: number }> =>
  sizesArb.chain((sizes) => fc.record({
    sizes: fc.constant(sizes),
    k: fc.integer({ min: 1, max: scheme === 'uniform' ? sizes.length : 6 }),
    seed: fc.nat({ max: 2 ** 31 - 1 }),
  }));

describe('aggregate: law bundle', () => {
  it.each(['uniform', 'schemeI'] as const)('holds under %s weights (which sum to 1)', (scheme) => {
    // Arrange
    const weightsArb = selectionArb(scheme).map(({ sizes, k, seed }) => sampleClients(scheme, sizes, k, makeRng(seed)).weights);
    // Act / Assert
    assertAggregatorLaws(aggregate, weightsArb);
  });
});

describe('sampleClients', () => {
  it.each(['uniform', 'schemeI', 'eq13'] as const)('%s weights are invariant to scaling every n_k', (scheme) => {
    fc.assert(fc.property(selectionArb(scheme), fc.integer({ min: 2, max: 9 }), ({ sizes, k, seed }, c) => {
      // Arrange / Act
      const a = sampleClients(scheme, sizes, k, makeRng(seed));
      const b = sampleClients(scheme, sizes.map((n) => n * c), k, makeRng(seed));
      // Assert
      expect(b.clients).toEqual(a.clients);
      b.weights.forEach((w, i) => expect(Math.abs(w - a.weights[i])).toBeLessThan(TOL.float64));
    }));
  });

  it('uniform and schemeI weights sum to 1; eq13 to (N/K)·Σ_draws p_k', () => {
    fc.assert(fc.property(selectionArb('schemeI'), ({ sizes, k, seed }) => {
      // Arrange
      const n = sizes.reduce((a, b) => a + b, 0);
      // Act
      const s1 = sampleClients('schemeI', sizes, k, makeRng(seed));
      const s13 = sampleClients('eq13', sizes, k, makeRng(seed));
      const su = sampleClients('uniform', sizes, Math.min(k, sizes.length), makeRng(seed));
      // Assert
      expect(Math.abs(s1.weightSum - 1)).toBeLessThan(TOL.float64);
      expect(Math.abs(su.weightSum - 1)).toBeLessThan(TOL.float64);
      const expected = (sizes.length / k) * s13.draws.reduce((a, d) => a + sizes[d] / n, 0);
      expect(Math.abs(s13.weightSum - expected)).toBeLessThan(TOL.float64 * Math.max(1, expected));
    }));
  });
});
