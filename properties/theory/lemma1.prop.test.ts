import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMap, checkLemma1, lemma1Controls, lemma1Residual, samplePoint, type MapFamily } from '../../src/theory/index.js';
import { lemma1SmallCaseArb } from '../arbitraries/theoryArbs.js';
import { assertCheckerLaws } from '../laws/checkerLaws.js';

const FAMILIES: MapFamily[] = ['affine', 'leakyReluMlp', 'tanhMlp', 'smoothMlp', 'coupling'];

describe('Lemma 1, corrected (inverse function theorem at corresponding points)', () => {
  for (const family of FAMILIES) {
    it(`${family}: ‖J_{f^{-1}}(r)·J_f(x) − I‖_F/√d within the κ-scaled threshold`, () => {
      fc.assert(
        fc.property(lemma1SmallCaseArb(family), (c) => {
          // Arrange
          const map = buildMap(c);
          // Act
          const m = lemma1Residual(map, samplePoint(c, c.point));
          // Assert (skipped cases are kinks or range failures, never silent passes of a bad case)
          if (typeof m !== 'string') expect(m.e).toBeLessThanOrEqual(m.threshold);
        }),
      );
    });
  }
});

describe('Lemma 1 as printed', () => {
  it('the negative controls are never a pass, and x² with the principal root refutes it', () => {
    // Act
    const controls = lemma1Controls(0);
    // Assert
    expect(controls.every((c) => c.verdict.status !== 'holds')).toBe(true);
    const sq = controls.find((c) => c.name === 'control/squareNonInjective');
    expect(sq?.verdict.status).toBe('violated');
    const ns = controls.find((c) => c.name === 'control/nonSquare')?.verdict.details as Record<string, number>;
    expect(ns.JplusJMinusI).toBeCloseTo(ns.sqrtDMinusL, 10);
    expect(ns.JJplusMinusI).toBeLessThan(1e-12);
  });

  it('checkLemma1 obeys the checker laws', () => {
    // Act
    const report = checkLemma1({ samples: 6, seed: 3, dims: [2, 3] });
    // Assert
    assertCheckerLaws(report);
    expect(report.verdict.status).toBe('violated');
    expect(report.families.filter((f) => !f.name.startsWith('control/')).every((f) => f.verdict.status === 'holds')).toBe(true);
  });
});
