/**
 * `check` and `theorem2` cells: float64 theory checks through `runCheck` (as `soteria-lab check`)
 * and Theorem 2 on a synthetic LR problem (the verdict, plus the mean optimality-gap curves with
 * and without the defense and the closed-form envelope that Fig. 7 draws on the same axes).
 */
import { checkpointGrid, makeLrProblem, smoothnessUpper, solveOptimum, singleDevice, syntheticLrData, type ClaimReport } from '../../theory/index.js';
import { runEnvelope } from '../../theory/theorem2/envelopeRun.js';
import { runCheck } from '../checkClaim.js';
import { resolveSyntheticConfig, runSyntheticTheorem2, type SyntheticTheorem2Config } from '../checkTheorem2.js';
import type { CheckCellSpec, Theorem2CellSpec } from './cellSpec.js';
import type { Theorem2Curves } from './cellRecord.js';

/** Result of a `check` cell (the claim report as `check --json` prints it). */
export type CheckCellResult = ClaimReport;

/** Result of a `theorem2` cell. */
export interface Theorem2CellResult {
  readonly report: ClaimReport;
  readonly curves: Theorem2Curves;
  /** The resolved synthetic configuration. */
  readonly config: SyntheticTheorem2Config;
}

/**
 * Run a `check` cell.
 * @param spec - claim, samples, seed.
 * @returns the claim report (plain JSON).
 */
export async function runCheckCell(spec: CheckCellSpec): Promise<CheckCellResult> {
  return runCheck({ claim: spec.claim, seed: spec.seed, samples: spec.samples });
}

/** Mean gap F(W_T) − F* with and without the defense, and the closed-form envelope. */
function theorem2Curves(cfg: SyntheticTheorem2Config, seed: number, seeds: number): Theorem2Curves {
  const P = makeLrProblem(syntheticLrData({ devices: cfg.devices, samplesPerDevice: cfg.samplesPerDevice, d: cfg.d, C: cfg.C, unbalanced: false, seed }), { C: cfg.C, d: cfg.d, lambda: cfg.lambda, eps: cfg.eps, bias: false });
  const opt = solveOptimum(P);
  const Fk = P.devices.map((_, k) => solveOptimum(singleDevice(P, k)).F);
  const Gamma = opt.F - Fk.reduce((s, f, k) => s + P.p[k] * f, 0);
  const L = smoothnessUpper(P);
  const setup = {
    scheme: cfg.scheme, K: cfg.K, I: cfg.I, batch: cfg.batch, rounds: cfg.rounds, checkpoints: checkpointGrid(cfg.rounds, cfg.checkpoints),
    seeds: Array.from({ length: seeds }, (_, i) => seed + i), epsCount: cfg.eps, Fstar: opt.F, Gamma,
    w0dist2: opt.W.reduce((s, v) => s + v * v, 0), gamma: Math.max(8 * (L / P.lambda), cfg.I), Lemp: L,
  };
  const on = runEnvelope(P, { ...setup, name: 'defended', defended: true });
  const off = runEnvelope(P, { ...setup, name: 'undefended', defended: false });
  return { T: on.table.map((r) => r.T), defended: on.table.map((r) => r.mean), undefended: off.table.map((r) => r.mean), envelopeClosed: on.table.map((r) => r.rhsClosed), envelopeEmpirical: on.table.map((r) => r.rhsEmpirical) };
}

/**
 * Run a `theorem2` cell: `check theorem2` (synthetic) with the cell's overrides, and the curves.
 * @param spec - overrides, seedCount, seed.
 * @returns the claim report, the curves and the resolved configuration.
 */
export function runTheorem2Cell(spec: Theorem2CellSpec): Theorem2CellResult {
  const config: SyntheticTheorem2Config = { ...resolveSyntheticConfig(), ...spec.config };
  const report = runSyntheticTheorem2(config, spec.seed, spec.seedCount);
  return { report, curves: theorem2Curves(config, spec.seed, spec.seedCount), config };
}
