/**
 * `check` and `theorem2` cells: float64 theory checks through `runCheck` (as `soteria-lab check`)
 * and Theorem 2 on a synthetic LR problem (the verdict, plus the mean optimality-gap curves with
 * and without the defense and the closed-form envelope that Fig. 7 draws on the same axes).
 */
import type { ClaimReport, Theorem2Run } from '../../theory/index.js';
import { runCheck } from '../checkClaim.js';
import { resolveSyntheticConfig, syntheticTheorem2Run, type SyntheticTheorem2Config } from '../checkTheorem2.js';
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

/** The checker's own defended and ε = 0 control runs as Fig. 7's curves (mean gap and RHS(T) per checkpoint). */
function theorem2Curves(run: Theorem2Run): Theorem2Curves {
  const on = run.defended.table;
  return { T: on.map((r) => r.T), defended: on.map((r) => r.mean), undefended: run.control.table.map((r) => r.mean), envelopeClosed: on.map((r) => r.rhsClosed), envelopeEmpirical: on.map((r) => r.rhsEmpirical) };
}

/**
 * Run a `theorem2` cell: `check theorem2` (synthetic) with the cell's overrides, and the curves.
 * @param spec - overrides, seedCount, seed.
 * @returns the claim report, the curves and the resolved configuration.
 */
export function runTheorem2Cell(spec: Theorem2CellSpec): Theorem2CellResult {
  const config: SyntheticTheorem2Config = { ...resolveSyntheticConfig(), ...spec.config };
  const run = syntheticTheorem2Run(config, spec.seed, spec.seedCount);
  return { report: run.report, curves: theorem2Curves(run), config };
}
