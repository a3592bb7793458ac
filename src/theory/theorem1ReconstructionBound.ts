/**
 * Soteria (arXiv 2012.06043), Theorem 1 (eq. 9): under Assumption 1 (f^{-1} exists at r and r'),
 * ‖X − X'‖_p ≥ ‖r − r'‖_p / ‖∇_X f‖_p. The norm of the Jacobian and the point where it is taken are
 * not defined in the paper; we read it at X under three readings (operator, entrywise, Schatten) for
 * p ∈ {1, 2, 4, ∞} (theory-spec §4). Test statistic ρ = ‖X − X'‖_p·N(J(X))/‖r − r'‖_p; the theorem ⇔ ρ ≥ 1.
 * Violations are certified with the upper bound of N; the corrected bounds of §4.3 must never fail.
 */
import type { CheckOptions, ClaimReport, FamilyResult } from './claimReport.js';
import { theorem1Families, type Theorem1Case } from './theorem1Families.js';
import { theorem1Witnesses } from './maps/witnessMaps.js';
import { decide } from './verdict.js';
import type { MapFamily } from './maps/buildMap.js';

/** Options of `checkTheorem1`. */
export interface Theorem1Options extends CheckOptions {
  /** @default [2, 5, 20] */
  readonly dims?: readonly number[];
  /** @default [1, 1e2, 1e4] */
  readonly kappas?: readonly number[];
  /** @default all five families */
  readonly families?: readonly MapFamily[];
  /** Compute the corrected bounds of §4.3. @default true */
  readonly corrected?: boolean;
  /** Pinned cases replayed first. */
  readonly examples?: readonly Theorem1Case[];
}

/** Tolerance on ρ ≥ 1 (theory-spec §4.2: ρ ≥ 1 − 1e-10 for affine f; inverses add ~1e-12). */
export const THEOREM1_TOL = 1e-9;

/** The 1-D witnesses of §4.2 as family results (each a certified violation). */
export function witnessResults(): FamilyResult[] {
  return theorem1Witnesses().map((w) => {
    const [r, rp] = [w.map.f([w.X])[0], w.map.f([w.Xprime])[0]];
    const N = Math.abs(w.map.jacobian([w.X])[0][0]);
    const lhs = Math.abs(w.X - w.Xprime);
    const verdict = decide({
      lhs,
      rhs: Math.abs(r - rp) / N,
      relation: '>=',
      tolerance: THEOREM1_TOL,
      details: { rho: (lhs * N) / Math.abs(r - rp), jacobianAtX: N, note: '1-D: every p and reading coincide' },
      counterexample: { map: w.map.name, X: w.X, Xprime: w.Xprime },
    });
    return { name: `witness/${w.name}`, verdict, cases: 1, violations: verdict.status === 'violated' ? 1 : 0, skipped: {}, stats: {} };
  });
}

/** Check Theorem 1 on every family, p, reading and sampling mode, plus the corrected bounds. */
export function checkTheorem1(options: Theorem1Options = {}): ClaimReport {
  const t0 = performance.now();
  const samples = options.samples ?? 200;
  const seed = options.seed ?? 0;
  const witnesses = witnessResults();
  const searched = theorem1Families({
    samples,
    seed,
    dims: options.dims ?? [2, 5, 20],
    kappas: options.kappas ?? [1, 1e2, 1e4],
    families: options.families ?? ['affine', 'leakyReluMlp', 'tanhMlp', 'smoothMlp', 'coupling'],
    corrected: options.corrected ?? true,
    examples: options.examples ?? [],
  });
  const families = [...witnesses, ...searched];
  const printed = families.filter((f) => !f.name.includes('/corrected/'));
  const refuting = printed.find((f) => f.name.includes('operator') && f.verdict.status === 'violated') ?? printed.find((f) => f.verdict.status === 'violated');
  const correctedViolations = families.filter((f) => f.name.includes('/corrected/')).reduce((s, f) => s + f.violations, 0);
  return {
    claim: 'theorem1',
    statement: '‖X − X′‖_p ≥ ‖r − r′‖_p / ‖∇_X f‖_p under Assumption 1 (Soteria, Theorem 1, eq. 9)',
    verdict: refuting?.verdict ?? witnesses[0].verdict,
    cases: printed.reduce((s, f) => s + f.cases, 0),
    violations: printed.reduce((s, f) => s + f.violations, 0),
    counterexample: refuting && 'counterexample' in refuting.verdict ? refuting.verdict.counterexample : null,
    families,
    seed,
    samples,
    runtimeMs: performance.now() - t0,
    notes: [
      'ρ = ‖X−X′‖_p·N(J(X))/‖r−r′‖_p; violations certified with the upper bound of N (ρ_up < 1 − 1e-9).',
      'Families are named <map family>/p=<p>/<reading>; sampling modes (random, tight, adversarial, pruned) are drawn per case; flags count per-mode outcomes.',
      `Corrected bounds (mean-value Ā, Lipschitz, second order): ${correctedViolations} violation(s); they must be 0.`,
    ],
  };
}
