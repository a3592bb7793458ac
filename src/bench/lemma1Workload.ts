/**
 * `theory-lemma1`: one corrected-Lemma-1 check (Soteria, arXiv 2012.06043, Lemma 1; map build,
 * inverse, Jacobians, SVD and residual in float64 JS) per iteration, cycling through a fixed set
 * of cases drawn like `check lemma1` draws them (every family, dims 2–100). The result's
 * `perSecond` is checks per second; `medianMs` is ms per check.
 */
import fc from 'fast-check';
import { lemma1CaseArb, lemma1Residual, buildMap, samplePoint } from '../theory/index.js';
import type { Lemma1Case, MapFamily } from '../theory/index.js';
import type { BenchWorkload } from './types.js';

const FAMILIES: readonly MapFamily[] = ['affine', 'leakyReluMlp', 'tanhMlp', 'smoothMlp', 'coupling'];
const CASES_PER_FAMILY = 4;

/** The fixed cases: CASES_PER_FAMILY per family, interleaved, from the seed. */
export function lemma1BenchCases(seed: number): Lemma1Case[] {
  const per = FAMILIES.map((f, i) => fc.sample(lemma1CaseArb(f, [2, 5, 20, 100], [1, 1e2, 1e4, 1e6]), { seed: seed + i, numRuns: CASES_PER_FAMILY }));
  return Array.from({ length: CASES_PER_FAMILY }, (_, k) => per.map((cases) => cases[k])).flat();
}

/** One check per iteration; a pass covers every case once. */
export const theoryLemma1: BenchWorkload = {
  name: 'theory-lemma1',
  description: `corrected Lemma 1, one case per iteration (${CASES_PER_FAMILY * FAMILIES.length} fixed cases, all families, dims 2–100, float64 JS)`,
  iterationsPerPass: CASES_PER_FAMILY * FAMILIES.length,
  warmup: 2,
  tfjsFree: true,
  setup: (seed) => {
    const cases = lemma1BenchCases(seed);
    let next = 0;
    return {
      run: () => {
        const c = cases[next];
        next = (next + 1) % cases.length;
        lemma1Residual(buildMap(c), samplePoint(c, c.point));
      },
      dispose: () => undefined,
    };
  },
};
