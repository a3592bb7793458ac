/**
 * One envelope experiment: simulate a scheme over seeds, average F(W_T) − F* with a 95 %
 * t-interval at geometric checkpoints, and compare with RHS(T) from closed-form and empirical
 * constants. Violation ⇔ the lower CI end exceeds the closed-form RHS (theory-spec §5.5).
 */
import type { FamilyResult } from '../claimReport.js';
import { decide, inapplicable } from '../verdict.js';
import { simulateFedAvg, type FedAvgRun, type FedScheme } from './fedAvgSim.js';
import type { LrProblem } from './lrProblem.js';
import { closedFormConstants, empiricalConstants, envelope, type Theorem2Constants } from './theorem2Constants.js';

const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086];

/** Two-sided 95 % Student-t quantile for `df` degrees of freedom. */
export const tQuantile95 = (df: number): number => (df < 1 ? Infinity : (T95[df - 1] ?? 1.96));

/** Geometric grid of round indices in [1, rounds]. */
export function checkpointGrid(rounds: number, count: number): number[] {
  const pts = Array.from({ length: count }, (_, i) => Math.round(Math.pow(rounds, i / (count - 1))));
  return [...new Set(pts)].filter((r) => r >= 1 && r <= rounds);
}

/** What the experiment needs besides the problem. */
export interface EnvelopeSetup {
  readonly name: string;
  readonly scheme: FedScheme;
  readonly defended: boolean;
  readonly K: number;
  readonly I: number;
  readonly batch: number | 'full';
  readonly rounds: number;
  readonly checkpoints: readonly number[];
  readonly seeds: readonly number[];
  readonly epsCount: number;
  readonly Fstar: number;
  readonly Gamma: number;
  readonly w0dist2: number;
  readonly gamma: number;
  readonly Lemp: number;
}

/** Result: the family verdict plus the runs and constants (for the bias test and the report). */
export interface EnvelopeResult {
  readonly family: FamilyResult;
  readonly runs: readonly FedAvgRun[];
  readonly closed: Theorem2Constants;
  readonly empirical: Theorem2Constants;
  readonly table: readonly { T: number; mean: number; lo: number; hi: number; rhsClosed: number; rhsEmpirical: number }[];
}

/** Expected total weight of the aggregator: NΣp_k² for eq. 13 under p-sampling (1 when balanced), else 1. */
function aggregateWeight(P: LrProblem, scheme: FedScheme): number {
  return scheme === 'eq13' ? P.devices.length * P.p.reduce((a, pk) => a + pk * pk, 0) : 1;
}

function divergedResult(P: LrProblem, s: EnvelopeSetup, runs: FedAvgRun[], which: number): EnvelopeResult {
  const inflation = aggregateWeight(P, s.scheme);
  const firstBad = runs[which].F.findIndex((f) => !Number.isFinite(f));
  const reason = `iterates diverged (non-finite F at T = ${s.checkpoints[firstBad] * s.I}, seed ${s.seeds[which]})` +
    (inflation > 1 + 1e-12 ? `: the eq. 13 aggregator (N/K)Σp_kW^k has expected total weight NΣp_k² = ${inflation.toFixed(3)} > 1 with unbalanced p_k (theory-spec §5.7)` : '');
  const family: FamilyResult = { name: s.name, verdict: inapplicable(reason, { aggregateWeightInExpectation: inflation }), cases: 0, violations: 0, skipped: { diverged: 1 }, stats: { aggregateWeightInExpectation: inflation } };
  const nan = { mu: P.lambda, L: NaN, kappa: NaN, gamma: s.gamma, sigma2: [], G2: NaN, LambdaS: NaN, eps: NaN, Gamma: s.Gamma, w0dist2: s.w0dist2, I: s.I, K: s.K, Q: NaN, C: NaN, A: NaN };
  return { family, runs, closed: nan, empirical: nan, table: [] };
}

/** Run the experiment and decide the envelope. */
export function runEnvelope(P: LrProblem, s: EnvelopeSetup): EnvelopeResult {
  const runs = s.seeds.map((seed) => simulateFedAvg(P, { scheme: s.scheme, K: s.K, I: s.I, batch: s.batch, gamma: s.gamma, rounds: s.rounds, checkpoints: s.checkpoints, defended: s.defended, seed }));
  const diverged = runs.findIndex((r) => !r.F.every(Number.isFinite));
  if (diverged >= 0) return divergedResult(P, s, runs, diverged);
  const R = Math.max(...runs.map((r) => r.maxNorm));
  const inp = { I: s.I, K: s.K, full: s.scheme === 'full', batch: s.batch, Gamma: s.Gamma, w0dist2: s.w0dist2, gamma: s.gamma };
  const eps = s.defended ? s.epsCount : 0;
  const closed = closedFormConstants(P, eps, R, inp);
  const empRaw = empiricalConstants(P, runs.flatMap((r) => r.snapshots), s.Lemp, inp);
  const empirical = s.defended ? empRaw : { ...empRaw, eps: 0 };
  const n = runs.length;
  const table = s.checkpoints.map((round, i) => {
    const xs = runs.map((r) => r.F[i] - s.Fstar);
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
    const half = n > 1 ? (tQuantile95(n - 1) * sd) / Math.sqrt(n) : 0;
    const T = round * s.I;
    return { T, mean, lo: mean - half, hi: mean + half, rhsClosed: envelope(closed, T), rhsEmpirical: envelope(empirical, T) };
  });
  const worst = table.reduce((w, row) => (row.lo - row.rhsClosed > w.lo - w.rhsClosed ? row : w), table[0]);
  const verdict = decide({
    lhs: worst.lo,
    rhs: worst.rhsClosed,
    relation: '<=',
    details: { T: worst.T, mean: worst.mean, ci95: [worst.lo, worst.hi], rhsEmpirical: worst.rhsEmpirical, seeds: n, firstViolationT: table.find((r) => r.lo > r.rhsClosed)?.T ?? null },
    counterexample: { scheme: s.scheme, defended: s.defended, T: worst.T, seeds: s.seeds, meanGap: worst.mean, rhs: worst.rhsClosed },
  });
  const violations = table.filter((r) => r.lo > r.rhsClosed).length;
  const family: FamilyResult = {
    name: s.name,
    verdict,
    cases: table.length,
    violations,
    skipped: {},
    stats: { aggregateWeightInExpectation: aggregateWeight(P, s.scheme), finalMean: table[table.length - 1].mean, finalRhsClosed: table[table.length - 1].rhsClosed, finalRhsEmpirical: table[table.length - 1].rhsEmpirical, kappa: closed.kappa, gamma: closed.gamma, Q: closed.Q, C: closed.C },
  };
  return { family, runs, closed, empirical, table };
}
