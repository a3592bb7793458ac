import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAlgorithm1, makeTheoryRng, pinv, vecNorm } from '../../src/theory/index.js';
import { assertCheckerLaws } from '../laws/checkerLaws.js';

describe('Algorithm 1 scores', () => {
  it('code score |r_i|/‖J_i‖ ≤ pseudo-inverse score |r_i|·‖J^+e_i‖ (theory-spec §1.2)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.nat(), (L, extra, seed) => {
        // Arrange
        const rng = makeTheoryRng(seed, 'alg1prop');
        const J = Array.from({ length: L }, () => rng.normals(L + extra));
        const r = rng.normals(L);
        // Act
        const P = pinv(J);
        // Assert
        r.forEach((ri, i) => {
          const code = Math.abs(ri) / vecNorm(J[i], 2);
          const exact = Math.abs(ri) * vecNorm(P.map((row) => row[i]), 2);
          expect(exact).toBeGreaterThanOrEqual(code * (1 - 1e-9));
        });
      }),
    );
  });

  it('checkAlgorithm1 obeys the checker laws', () => {
    // Act
    const report = checkAlgorithm1({ samples: 30, seed: 1 });
    // Assert
    assertCheckerLaws(report);
    expect(report.families.find((f) => f.name === 'codeScoreBelowPinvScore')?.verdict.status).toBe('holds');
  });
});
