import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAlgorithm1,
  checkTheorem1,
  jacobianNorm,
  matVec,
  measureTheorem1,
  samplePoint,
  sampleRPrime,
  theorem1Map,
  theorem1Witnesses,
  THEOREM1_TOL,
  vecNorm,
  type PNorm,
} from '../../src/theory/index.js';
import { theorem1SmallCaseArb } from '../arbitraries/theoryArbs.js';
import { ALGORITHM1_PINNED, matrixWitnesses, THEOREM1_PINNED } from './theoryCounterexamples.js';

describe('Theorem 1 witnesses of theory-spec §4.2 (closed form)', () => {
  it('1-D maps: |X − X′| is below |f(X) − f(X′)|/|f′(X)| by the spec\'s margins', () => {
    // Arrange: spec values — x+x³: 1 < 2; tanh: 3 < ≈100.9; leaky-ReLU(0.1): 2 < 11
    const expected: Record<string, number> = { cubicPlus: 2, tanh: 100.9, leakyRelu: 11 };
    for (const w of theorem1Witnesses()) {
      // Act
      const bound = Math.abs(w.map.f([w.X])[0] - w.map.f([w.Xprime])[0]) / Math.abs(w.map.jacobian([w.X])[0][0]);
      // Assert
      expect(bound).toBeCloseTo(expected[w.name], 1);
      expect(Math.abs(w.X - w.Xprime)).toBeLessThan(bound);
    }
  });

  for (const n of [2, 5, 30]) {
    it(`matrix witnesses (n = ${n}): ‖Av‖_p > N(A)·‖v‖_p for the readings that fail`, () => {
      for (const w of matrixWitnesses(n)) {
        // Act
        const lhs = vecNorm(matVec(w.A, w.v), w.p);
        const rhs = jacobianNorm(w.A, w.p as PNorm, w.reading).upper * vecNorm(w.v, w.p);
        // Assert
        expect(lhs, w.name).toBeGreaterThan(rhs);
      }
    });
  }
});

describe('pinned Theorem-1 counterexamples are replayed first', () => {
  for (const pin of THEOREM1_PINNED) {
    it(`${pin.c.family} ${pin.key} stays a certified violation with the corrected bounds intact`, () => {
      // Arrange
      const map = theorem1Map(pin.c);
      const pair = sampleRPrime(map, samplePoint(pin.c, pin.c.point), pin.c.mode, pin.c.radius, pin.c.prune, pin.c.seed + pin.c.point);
      if (typeof pair === 'string') throw new Error(`pinned case no longer samples: ${pair}`);
      // Act
      const m = measureTheorem1(map, pair, pin.c.family !== 'affine');
      // Assert
      expect(m.ratios[pin.key].rhoUpper).toBeLessThan(1 - THEOREM1_TOL);
      for (const v of Object.values(m.corrected)) if (typeof v !== 'string') expect(v.lhs / v.rhs).toBeGreaterThanOrEqual(1 - THEOREM1_TOL);
    });
  }

  it('a violation of the printed bound never comes with a violated mean-value bound (pins first)', () => {
    const pins = THEOREM1_PINNED.filter((p) => p.c.family === 'tanhMlp').map((p) => [p.c] as [typeof p.c]);
    fc.assert(
      fc.property(theorem1SmallCaseArb('tanhMlp'), (c) => {
        const map = theorem1Map(c);
        const pair = sampleRPrime(map, samplePoint(c, c.point), c.mode, c.radius, c.prune, c.seed + c.point);
        if (typeof pair === 'string') return;
        const m = measureTheorem1(map, pair, true);
        const mv = m.corrected['meanValue/p=2'];
        if (typeof mv !== 'string') expect(mv.lhs / mv.rhs).toBeGreaterThanOrEqual(1 - THEOREM1_TOL);
      }),
      { examples: pins, numRuns: 5 },
    );
  });

  it('checkTheorem1 with the pins as examples reports those families violated', () => {
    // Act
    const report = checkTheorem1({ samples: 2, seed: 9, dims: [2], families: ['tanhMlp'], corrected: false, examples: THEOREM1_PINNED.map((p) => p.c) });
    // Assert
    expect(report.families.find((f) => f.name === 'tanhMlp/p=2/operator')?.verdict.status).toBe('violated');
  });

  it('checkAlgorithm1 with the pins as examples finds greedy sub-optimal', () => {
    // Act
    const report = checkAlgorithm1({ samples: 1, seed: 5, examples: ALGORITHM1_PINNED });
    // Assert
    expect(report.families[0].verdict.status).toBe('violated');
  });
});
