/**
 * Soteria (arXiv 2012.06043), Lemma 1 (§4.2): "for all f and f^{-1}, ∇_r f^{-1} = (∇_X f)^{-1}".
 * As printed (no hypotheses) the lemma is false; the corrected statement (inverse function
 * theorem: f C¹, J_f(x) nonsingular, both Jacobians at corresponding points x = f^{-1}(r)) is
 * checked on the map families of theory-spec §3.1, and the negative controls of §3.3 are reported.
 * Symbols: x input, r = f(x), J = ∇_x f (rows = outputs), κ = κ_2(J), u = 2^-52.
 */
import fc from 'fast-check';
import type { CheckOptions, ClaimReport, FamilyResult } from './claimReport.js';
import { lemma1Controls } from './lemma1Controls.js';
import { lemma1Residual } from './lemma1Residual.js';
import { buildMap, samplePoint, type MapFamily, type MapSpec } from './maps/buildMap.js';
import { searchFamily } from './searchFamily.js';
import { UNIT_ROUNDOFF } from './finiteDifference.js';

/** A Lemma-1 case: a map spec and the seed of its point. */
export interface Lemma1Case extends MapSpec {
  readonly point: number;
}

/** Options of `checkLemma1`. */
export interface Lemma1Options extends CheckOptions {
  /** @default [2, 5, 20, 100] */
  readonly dims?: readonly number[];
  /** @default [1, 1e2, 1e4, 1e6] */
  readonly kappas?: readonly number[];
  /** @default all five families */
  readonly families?: readonly MapFamily[];
  /** Pinned cases replayed first, per family. */
  readonly examples?: readonly Lemma1Case[];
}

const PARAMS: Readonly<Record<MapFamily, readonly number[]>> = {
  affine: [0],
  leakyReluMlp: [0.01, 0.1, 0.5],
  tanhMlp: [0],
  smoothMlp: [0.5, -0.5, 2, 3, -0.9],
  coupling: [0],
};

/** fast-check arbitrary of Lemma-1 cases for one family. */
export function lemma1CaseArb(family: MapFamily, dims: readonly number[], kappas: readonly number[]): fc.Arbitrary<Lemma1Case> {
  return fc.record({
    family: fc.constant(family),
    dim: fc.constantFrom(...dims.filter((d) => family !== 'coupling' || d >= 2)),
    kappa: family === 'coupling' ? fc.constant(1) : fc.constantFrom(...kappas),
    depth: family === 'affine' ? fc.constant(1) : fc.integer({ min: family === 'coupling' ? 2 : 1, max: 4 }),
    param: fc.constantFrom(...PARAMS[family]),
    seed: fc.nat({ max: 1_000_000 }),
    point: fc.nat({ max: 1_000_000 }),
  });
}

/** Check the corrected Lemma 1 on one family (fast-check search + shrink). */
export function checkLemma1Family(family: MapFamily, o: Required<Omit<Lemma1Options, 'families' | 'examples'>> & { examples?: readonly Lemma1Case[] }): FamilyResult {
  return searchFamily<Lemma1Case>({
    name: family,
    arb: lemma1CaseArb(family, o.dims, o.kappas),
    evaluate: (c) => {
      const m = lemma1Residual(buildMap(c), samplePoint(c, c.point));
      if (typeof m === 'string') return { skip: m };
      return { lhs: m.e, rhs: m.threshold, stat: m.e / (UNIT_ROUNDOFF * m.kappa), details: { ...m } };
    },
    relation: '<=',
    tolerance: 0,
    seed: o.seed,
    numRuns: o.samples,
    examples: o.examples?.filter((c) => c.family === family),
    statName: 'e/(u·κ)',
  });
}

/** Check Lemma 1: the printed claim (refuted by the controls) and the corrected lemma per family. */
export function checkLemma1(options: Lemma1Options = {}): ClaimReport {
  const t0 = performance.now();
  const o = { samples: options.samples ?? 200, seed: options.seed ?? 0, dims: options.dims ?? [2, 5, 20, 100], kappas: options.kappas ?? [1, 1e2, 1e4, 1e6] };
  const families = (options.families ?? (Object.keys(PARAMS) as MapFamily[])).map((f) => checkLemma1Family(f, { ...o, examples: options.examples }));
  const controls = lemma1Controls(o.seed);
  const refuting = controls.find((c) => c.verdict.status === 'violated');
  const correctedViolations = families.reduce((s, f) => s + f.violations, 0);
  return {
    claim: 'lemma1',
    statement: 'For all f and f^{-1}: ∇_r f^{-1} = (∇_X f)^{-1} (Soteria, Lemma 1)',
    verdict: refuting?.verdict ?? families[0].verdict,
    cases: families.reduce((s, f) => s + f.cases, 0) + controls.length,
    violations: correctedViolations + controls.filter((c) => c.verdict.status === 'violated').length,
    counterexample: refuting && 'counterexample' in refuting.verdict ? refuting.verdict.counterexample : null,
    families: [...families, ...controls],
    seed: o.seed,
    samples: o.samples,
    runtimeMs: performance.now() - t0,
    notes: [
      'Printed lemma: refuted by the controls (non-injective x², singular x³ at 0, non-square J, range failure).',
      `Corrected lemma (inverse function theorem, Jacobians at x = f^{-1}(r)): ${correctedViolations} violation(s) over the families; a violation there would be a harness bug.`,
      'LHS by forward-mode tangents through the analytic inverse (central differences for Newton inverses); RHS by SVD; pass e ≤ 50·d·u·κ (1e-6·κ for FD).',
    ],
  };
}
