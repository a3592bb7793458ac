/**
 * Lemma 1 and Theorem 1 on a theorist's own map (`soteria-lab check lemma1|theorem1 --map FILE`).
 * Same measurements as the family checkers; points x ~ N(0, I) from the seed; for Theorem 1 every
 * sampling mode, p and reading, plus the mean-value and second-order corrected bounds.
 */
import fc from 'fast-check';
import type { CheckOptions, ClaimReport, FamilyResult } from './claimReport.js';
import { UNIT_ROUNDOFF } from './finiteDifference.js';
import { lemma1Residual } from './lemma1Residual.js';
import { makeTheoryRng } from './random.js';
import { searchFamily, type CaseOutcome } from './searchFamily.js';
import { measureTheorem1, P_VALUES, ratioKey, READINGS, type Theorem1Measurement } from './theorem1Measure.js';
import { sampleRPrime, type SamplingMode } from './theorem1Pair.js';
import type { TheoryMap } from './types.js';
import { inapplicable } from './verdict.js';

/** A case on a user map: point seed and sampling parameters. */
export interface UserMapCase {
  readonly point: number;
  readonly mode: SamplingMode;
  readonly radius: number;
  readonly prune: number;
}

const caseArb = fc.record({
  point: fc.nat({ max: 1_000_000 }),
  mode: fc.constantFrom<SamplingMode>('random', 'tight', 'adversarial', 'pruned'),
  radius: fc.integer({ min: 0, max: 8 }),
  prune: fc.integer({ min: 0, max: 5 }),
});

const pointOf = (map: TheoryMap, seed: number, c: UserMapCase): number[] => makeTheoryRng(seed, 'userPoint', c.point).normals(map.inDim);

function report(claim: 'lemma1' | 'theorem1', statement: string, families: FamilyResult[], o: Required<CheckOptions>, t0: number, notes: readonly string[]): ClaimReport {
  const violated = families.filter((f) => f.verdict.status === 'violated' && !f.name.includes('/corrected/'));
  const bad = violated.find((f) => f.name.includes('operator')) ?? violated[0] ?? families.find((f) => f.verdict.status === 'violated');
  return {
    claim,
    statement,
    verdict: bad?.verdict ?? families[0].verdict,
    cases: families.reduce((s, f) => Math.max(s, f.cases), 0),
    violations: families.reduce((s, f) => s + f.violations, 0),
    counterexample: bad && 'counterexample' in bad.verdict ? bad.verdict.counterexample : null,
    families,
    seed: o.seed,
    samples: o.samples,
    runtimeMs: performance.now() - t0,
    notes,
  };
}

/** Corrected Lemma 1 on the user's map at random points. */
export function checkLemma1OnMap(map: TheoryMap, options: CheckOptions = {}): ClaimReport {
  const t0 = performance.now();
  const o = { samples: options.samples ?? 50, seed: options.seed ?? 0 };
  const family =
    map.inDim !== map.outDim
      ? { name: `user/${map.name}`, verdict: inapplicable(`J is ${map.outDim}×${map.inDim}: not square, (∇_X f)^{-1} does not exist`), cases: 0, violations: 0, skipped: {}, stats: {} }
      : searchFamily<UserMapCase>({
          name: `user/${map.name}`,
          arb: caseArb,
          evaluate: (c) => {
            const m = lemma1Residual(map, pointOf(map, o.seed, c));
            return typeof m === 'string' ? { skip: m } : { lhs: m.e, rhs: m.threshold, stat: m.e / (UNIT_ROUNDOFF * m.kappa), details: { ...m } };
          },
          relation: '<=',
          tolerance: 0,
          seed: o.seed,
          numRuns: o.samples,
          statName: 'e/(u·κ)',
        });
  return report('lemma1', 'Corrected Lemma 1 on a user map: J_{f^{-1}}(r) = J_f(x)^{-1} at x = f^{-1}(r)', [family], o, t0, map.notes ?? []);
}

/** Theorem 1 (every p, reading, mode) and its corrected bounds on the user's map. */
export function checkTheorem1OnMap(map: TheoryMap, options: CheckOptions = {}): ClaimReport {
  const t0 = performance.now();
  const o = { samples: options.samples ?? 50, seed: options.seed ?? 0 };
  const cache = new Map<string, Theorem1Measurement | string>();
  const measure = (c: UserMapCase): Theorem1Measurement | string => {
    const key = JSON.stringify(c);
    if (!cache.has(key)) {
      const pair = sampleRPrime(map, pointOf(map, o.seed, c), c.mode, c.radius, c.prune, o.seed + c.point);
      cache.set(key, typeof pair === 'string' ? pair : measureTheorem1(map, pair, true));
    }
    return cache.get(key) as Theorem1Measurement | string;
  };
  const outcome = (c: UserMapCase, key: string, corrected: boolean): CaseOutcome => {
    const m = measure(c);
    if (typeof m === 'string') return { skip: m };
    if (corrected) {
      const v = m.corrected[key];
      return typeof v === 'string' ? { skip: v } : { lhs: v.lhs / v.rhs, rhs: 1, stat: v.lhs / v.rhs };
    }
    const q = m.ratios[key];
    return { lhs: q.rhoUpper, rhs: 1, stat: q.rhoUpper, flag: `${c.mode}:${q.rhoUpper < 1 - 1e-9 ? 'violated' : 'ok'}`, details: { ...q } };
  };
  const common = { arb: caseArb, relation: '>=' as const, tolerance: 1e-9, seed: o.seed, numRuns: o.samples, statName: 'rho' };
  const keys = P_VALUES.flatMap((p) => READINGS.map((r) => ratioKey(p, r)));
  const families = [
    ...keys.map((k) => searchFamily({ ...common, name: `user/${k}`, evaluate: (c) => outcome(c, k, false) })),
    ...['meanValue', 'secondOrder'].flatMap((form) =>
      P_VALUES.map((p) => searchFamily({ ...common, name: `user/corrected/${form}/p=${p}`, evaluate: (c) => outcome(c, `${form}/p=${p}`, true) })),
    ),
  ];
  return report('theorem1', 'Theorem 1 on a user map: ‖X − X′‖_p ≥ ‖r − r′‖_p / ‖∇_X f(X)‖_p', families, o, t0, map.notes ?? []);
}
