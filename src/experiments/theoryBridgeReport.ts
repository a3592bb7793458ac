/**
 * Turn the bridge's per-sample measurements into the theory layer's records (`FamilyResult`,
 * verdicts from `decide`/`inapplicable`): the Assumption 1 families (injectivity, range), the
 * Gauss–Newton families, and Theorem 1's ρ per (target, p, reading) as the "assumption violated"
 * panel of theory-spec §4.4.
 */
import { TOL } from '../tensor/index.js';
import { decide, inapplicable, ratioKey, READINGS, type FamilyResult } from '../theory/index.js';
import { BRIDGE_P_VALUES } from './theoryBridgeRatios.js';
import type { SampleResult } from './theoryBridgeSample.js';
import type { StepResult } from './theoryBridgeStep.js';

/** Largest Gauss–Newton residual the tight-direction control may show (a harness check). */
export const TIGHT_CONTROL_MAX_RESIDUAL = 0.1;

const min = (xs: readonly number[]): number => Math.min(...xs);
const max = (xs: readonly number[]): number => Math.max(...xs);

function family(name: string, verdict: FamilyResult['verdict'], cases: number, stats: Record<string, number>, violations = 0, notes?: string[]): FamilyResult {
  return { name, verdict, cases, violations, skipped: {}, stats, ...(notes ? { notes } : {}) };
}

/** Injectivity (rank/null space) and range families. */
export function assumptionFamilies(samples: readonly SampleResult[]): FamilyResult[] {
  const j = samples.map((s) => s.jacobian);
  const { rows: L, cols: D } = j[0];
  const ranks = j.map((x) => x.rank);
  const injectivity = inapplicable(
    `J = ∂r/∂X is ${L}×${D}: rank ≤ ${L} < ${D}, so its null space has dimension ≥ ${D - L} and f is not injective near X; (∇_X f)⁻¹ does not exist (Lemma 1 / Assumption 1 fail)`,
    { rank: ranks, rankAtLTolerance: j.map((x) => x.rankAtLTolerance), nullity: j.map((x) => x.nullity), nullityLowerBound: D - L, sigmaMax: j.map((x) => x.sigmaMax), sigmaMin: j.map((x) => x.sigmaMin), conditionOnRange: j.map((x) => x.conditionOnRange) },
  );
  const rmin = min(samples.map((s) => s.features.min));
  const rmax = max(samples.map((s) => s.features.max));
  const outside = samples.flatMap((s) => s.pruned.filter((p) => !p.targetInRange)).length;
  const range = inapplicable(
    `sigmoid features lie in (0, 1) (observed [${rmin.toPrecision(4)}, ${rmax.toPrecision(4)}]); a Soteria-pruned r′ with zeros lies outside the range of f, so it has no exact preimage (${outside} of ${samples.length * samples[0].pruned.length} pruned targets outside)`,
    { featureMin: rmin, featureMax: rmax, prunedTargetsOutsideRange: outside },
  );
  return [
    family('lenet/assumption1/injectivity', injectivity, samples.length, { minRank: min(ranks), maxRank: max(ranks), minNullity: min(j.map((x) => x.nullity)) }),
    family('lenet/assumption1/range', range, samples.length, { featureMin: rmin, featureMax: rmax }),
  ];
}

function stepStats(steps: readonly StepResult[]): Record<string, number> {
  return {
    maxStepNorm: max(steps.map((s) => s.stepNorm)),
    minRangeResidual: min(steps.map((s) => s.rangeResidual)),
    maxRangeResidual: max(steps.map((s) => s.rangeResidual)),
    maxNormalResidual: max(steps.map((s) => s.normalResidual)),
    minLinearisationResidual: min(steps.map((s) => s.linearisationResidual)),
    maxLinearisationResidual: max(steps.map((s) => s.linearisationResidual)),
    maxFirstOrderResidual: max(steps.map((s) => s.firstOrderResidual)),
    minXPrime: min(steps.map((s) => s.xPrimeRange[0])),
    maxXPrime: max(steps.map((s) => s.xPrimeRange[1])),
  };
}

/** ρ families of one target kind (each sample is one case). */
export function ratioFamilies(label: string, steps: readonly StepResult[]): FamilyResult[] {
  const out: FamilyResult[] = [];
  for (const p of BRIDGE_P_VALUES) {
    for (const reading of READINGS) {
      const key = ratioKey(p, reading);
      const rs = steps.map((s, i) => ({ i, ...s.ratios[key] }));
      const worst = rs.reduce((a, b) => (b.rho < a.rho ? b : a));
      const rhs = worst.dR / worst.norm;
      const verdict = decide({
        lhs: worst.dX, rhs, relation: '>=', tolerance: TOL.float32 * rhs,
        details: { rhoMin: worst.rho, rhoMax: max(rs.map((r) => r.rho)), jacobianNorm: worst.norm },
        counterexample: { sample: worst.i, target: label, rho: worst.rho, dX: worst.dX, dR: worst.dR },
      });
      const violations = rs.filter((r) => r.dX < (r.dR / r.norm) * (1 - TOL.float32)).length;
      out.push(family(`lenet/${label}/${key}`, verdict, rs.length, { minRho: worst.rho, maxRho: max(rs.map((r) => r.rho)) }, violations));
    }
  }
  return out;
}

/** Gauss–Newton families: pruned targets (data only) and the tight-direction control (must hold). */
export function stepFamilies(samples: readonly SampleResult[]): FamilyResult[] {
  const out = samples[0].pruned.map((p0, k) => {
    const steps = samples.map((s) => s.pruned[k]);
    const why = `r′ (${p0.percent} % pruned) is outside the range of f: no preimage exists; the numbers describe the min-norm Gauss–Newton step X′ = X + J⁺(r′ − r)`;
    return family(`lenet/pruned=${p0.percent}%/gaussNewton`, inapplicable(why), steps.length, stepStats(steps));
  });
  const tight = samples.map((s) => s.tight);
  const worst = max(tight.map((s) => s.linearisationResidual));
  const control = decide({
    lhs: worst, rhs: TIGHT_CONTROL_MAX_RESIDUAL, relation: '<=',
    details: { radius: tight[0].radius, note: 'harness control: r′ − r ∝ J v₁ is in range; a failure means the Jacobian or the step is wrong' },
    counterexample: { sample: tight.findIndex((s) => s.linearisationResidual === worst), linearisationResidual: worst },
  });
  out.push(family('lenet/tight/gaussNewton (control)', control, tight.length, stepStats(tight), tight.filter((s) => s.linearisationResidual > TIGHT_CONTROL_MAX_RESIDUAL).length));
  return out;
}
