/**
 * The bridge's measurements at ONE sampled input X of the DLG LeNet (theory-spec §3.3 and
 * §4.4): the float32 Jacobian J = ∂r/∂X read back as float64, its numerical rank and null-space
 * dimension, the range of the sigmoid features, and Gauss–Newton steps towards (i) Soteria-pruned
 * r′ = r ⊙ (1 − 1_S) with S from the official notebook score ‖J_i‖₂/r_i under the exact rule
 * (`percentileMask`), and (ii) the tight-direction control r′ = r − ρ_r‖r‖u₁ (J v₁ = σ_max u₁).
 */
import { makeRng, type ParamMap } from '../tensor/index.js';
import { vecNorm } from '../theory/index.js';
import { percentileMask } from '../sim/defenses/percentileMask.js';
import type { Model } from '../sim/types.js';
import { gramFactor } from './theoryBridgeGram.js';
import { representationJacobian } from './theoryBridgeJacobian.js';
import { jacobianNormTable } from './theoryBridgeRatios.js';
import { gaussNewtonStep, type BridgePoint, type StepResult } from './theoryBridgeStep.js';
import type { ResolvedBridgeOptions } from './theoryBridgeOptions.js';

/** Rank and spectrum of J at one X (plain JSON). */
export interface JacobianSummary {
  readonly rows: number;
  readonly cols: number;
  readonly passes: number;
  readonly featuresPerPass: number;
  readonly rank: number;
  readonly rankAtLTolerance: number;
  readonly rankTolerance: number;
  /** D − rank (≥ D − L for every wide J). */
  readonly nullity: number;
  readonly nullityLowerBound: number;
  readonly sigmaMax: number;
  /** Smallest σ, or the Gram floor when it is below (then `sigmaMinResolved` is false). */
  readonly sigmaMin: number;
  readonly sigmaMinResolved: boolean;
  readonly gramFloor: number;
  /** σ_max / σ_rank, the condition number of J restricted to its numerical range. */
  readonly conditionOnRange: number;
}

/** Everything measured at one X. */
export interface SampleResult {
  readonly index: number;
  readonly jacobian: JacobianSummary;
  readonly features: { readonly min: number; readonly max: number; readonly inOpenUnitInterval: boolean };
  readonly pruned: readonly (StepResult & { readonly percent: number; readonly count: number })[];
  readonly tight: StepResult & { readonly radius: number };
  readonly timingsMs: { readonly jacobian: number; readonly gram: number; readonly steps: number };
}

/** X for sample `index`: seeded U[0, 1) pixels, rounded to float32. */
export function bridgeInput(model: Model, seed: number, index: number): Float64Array {
  const rng = makeRng(seed, 'bridge', 'input', index);
  const [h, w, c] = model.inputShape;
  return Float64Array.from({ length: h * w * c }, () => Math.fround(rng.next()));
}

function summarise(pt: BridgePoint): JacobianSummary {
  const { gram: g, jac } = pt;
  const smin = g.sigma[g.sigma.length - 1];
  return {
    rows: g.L,
    cols: g.D,
    passes: jac.plan.passes,
    featuresPerPass: jac.plan.featuresPerPass,
    rank: g.rank,
    rankAtLTolerance: g.rankAtLTolerance,
    rankTolerance: g.rankTolerance,
    nullity: g.D - g.rank,
    nullityLowerBound: g.D - g.L,
    sigmaMax: g.sigma[0],
    sigmaMin: Math.max(smin, g.gramFloor),
    sigmaMinResolved: smin > g.gramFloor,
    gramFloor: g.gramFloor,
    conditionOnRange: g.rank === 0 ? Infinity : g.sigma[0] / g.sigma[g.rank - 1],
  };
}

function notebookScores(pt: BridgePoint): Float64Array {
  const { J, r, L, D } = pt.jac;
  return Float64Array.from({ length: L }, (_, i) => vecNorm(Array.from(J.subarray(i * D, (i + 1) * D)), 2) / r[i]);
}

/** Measure one sampled input. */
export function bridgeSample(model: Model, params: ParamMap, o: ResolvedBridgeOptions, index: number): SampleResult {
  const t0 = performance.now();
  const x = bridgeInput(model, o.seed, index);
  const jac = representationJacobian(model, params, x);
  const t1 = performance.now();
  const gram = gramFactor(jac.J, jac.L, jac.D);
  const pt: BridgePoint = { model, params, x, jac, gram, norms: jacobianNormTable(jac.J, gram) };
  const t2 = performance.now();
  const scores = notebookScores(pt);
  const pruned = o.pruneRates.map((percent) => {
    const mask = percentileMask(scores, percent, 'exact');
    const target = Float64Array.from(jac.r, (v, i) => (mask.pruned[i] === 1 ? 0 : v));
    return { percent, count: mask.count, ...gaussNewtonStep(pt, target) };
  });
  const u1 = gram.topLeftSingular();
  const scale = o.tightRadius * vecNorm(Array.from(jac.r), 2);
  const tight = { radius: o.tightRadius, ...gaussNewtonStep(pt, Float64Array.from(jac.r, (v, i) => v - scale * u1[i])) };
  const [rmin, rmax] = [Math.min(...jac.r), Math.max(...jac.r)];
  return {
    index,
    jacobian: summarise(pt),
    features: { min: rmin, max: rmax, inOpenUnitInterval: rmin > 0 && rmax < 1 },
    pruned,
    tight,
    timingsMs: { jacobian: t1 - t0, gram: t2 - t1, steps: performance.now() - t2 },
  };
}
