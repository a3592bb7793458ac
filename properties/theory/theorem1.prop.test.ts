import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkTheorem1,
  entrywiseNorm,
  measureTheorem1,
  operatorNorm,
  P_VALUES,
  ratioKey,
  samplePoint,
  sampleRPrime,
  schattenNorm,
  theorem1Map,
  THEOREM1_TOL,
  type MapFamily,
} from '../../src/theory/index.js';
import { denseMatrixArb, theorem1SmallCaseArb } from '../arbitraries/theoryArbs.js';
import { assertCheckerLaws } from '../laws/checkerLaws.js';

describe('Theorem 1 on affine maps', () => {
  it('operator reading: ρ ≥ 1 for every p (certified with the lower bound for p ∈ {1, 2, ∞})', () => {
    fc.assert(
      fc.property(theorem1SmallCaseArb('affine'), (c) => {
        // Arrange
        const map = theorem1Map(c);
        const pair = sampleRPrime(map, samplePoint(c, c.point), c.mode, c.radius, c.prune, c.seed);
        if (typeof pair === 'string') return;
        // Act
        const m = measureTheorem1(map, pair, false);
        // Assert
        for (const p of P_VALUES) {
          const q = m.ratios[ratioKey(p, 'operator')];
          expect(q.rhoUpper).toBeGreaterThanOrEqual(1 - THEOREM1_TOL);
          if (p !== 4) expect(q.rhoLower).toBeGreaterThanOrEqual(1 - THEOREM1_TOL);
        }
      }),
    );
  });

  it('Hölder: entrywise-p ≥ operator-p for p ≤ 2, and Schatten-p ≥ spectral norm', () => {
    fc.assert(
      fc.property(denseMatrixArb, (A) => {
        // Act
        const spectral = operatorNorm(A, 2).lower;
        // Assert
        expect(entrywiseNorm(A, 1).upper).toBeGreaterThanOrEqual(operatorNorm(A, 1).lower);
        expect(entrywiseNorm(A, 2).upper).toBeGreaterThanOrEqual(spectral);
        for (const p of P_VALUES) expect(schattenNorm(A, p).upper).toBeGreaterThanOrEqual(spectral);
      }),
    );
  });
});

describe('Corrected bounds (theory-spec §4.3) never fail', () => {
  const families: MapFamily[] = ['leakyReluMlp', 'tanhMlp', 'smoothMlp', 'coupling'];
  for (const family of families) {
    it(`${family}: mean-value, Lipschitz and second-order ratios ≥ 1`, () => {
      fc.assert(
        fc.property(theorem1SmallCaseArb(family), (c) => {
          // Arrange
          const map = theorem1Map(c);
          const pair = sampleRPrime(map, samplePoint(c, c.point), c.mode, c.radius, c.prune, c.seed + c.point);
          if (typeof pair === 'string') return;
          // Act
          const m = measureTheorem1(map, pair, true);
          // Assert
          for (const v of Object.values(m.corrected)) if (typeof v !== 'string') expect(v.lhs / v.rhs).toBeGreaterThanOrEqual(1 - THEOREM1_TOL);
        }),
        { numRuns: 8 },
      );
    });
  }
});

describe('checkTheorem1', () => {
  it('refutes the printed bound and obeys the checker laws', () => {
    // Act
    const report = checkTheorem1({ samples: 6, seed: 2, dims: [2, 3], families: ['affine', 'tanhMlp'] });
    // Assert
    assertCheckerLaws(report);
    expect(report.verdict.status).toBe('violated');
    expect(report.families.filter((f) => f.name.includes('/corrected/')).every((f) => f.violations === 0)).toBe(true);
  });
});
