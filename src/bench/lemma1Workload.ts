/**
 * `theory-lemma1`: one corrected-Lemma-1 check (Soteria, arXiv 2012.06043, Lemma 1; inverse,
 * Jacobians, SVD and residual in float64 JS: `lemma1Residual(map, x0)`) per iteration, cycling
 * through a fixed set of cases drawn like `check lemma1` draws them (every family, dims 2–100).
 * The maps are built once in setup (from `mapParameters`, the same data tools/bench-torch.py
 * rebuilds its maps from), so both sides time the same steps. `perSecond` is checks per second.
 */
import { lemma1Residual } from '../theory/index.js';
import { CASES_PER_FAMILY, lemma1BenchMaps } from './lemma1Cases.js';
import type { BenchWorkload } from './types.js';

const CASE_COUNT = 5 * CASES_PER_FAMILY;

/** One check per iteration; a pass covers every case once. */
export const theoryLemma1: BenchWorkload = {
  name: 'theory-lemma1',
  description: `corrected Lemma 1, one case per iteration (${CASE_COUNT} fixed cases, all families, dims 2–100, float64 JS; maps built in setup)`,
  iterationsPerPass: CASE_COUNT,
  warmup: 2,
  tfjsFree: true,
  setup: (seed) => {
    const cases = lemma1BenchMaps(seed);
    let next = 0;
    return {
      run: () => {
        const c = cases[next];
        next = (next + 1) % cases.length;
        lemma1Residual(c.map, c.x0);
      },
      dispose: () => undefined,
    };
  },
};
