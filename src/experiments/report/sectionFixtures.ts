/**
 * Test helpers (no tests here): hand-built cell results and a `CellResults` map for the section
 * builders' tests. Only the fields a test sets matter; the rest are filler.
 */
import { cellId, type CellSpec } from './cellSpec.js';
import type { CellRecord, DlgCellResult, GsCellResult, TrainCellResult } from './cellRecord.js';
import type { CellResults } from './sectionKit.js';

/** A stand-in PNG data URI. */
export const FIXTURE_PNG = 'data:image/png;base64,AAAA';

/**
 * A DLG result with the given MSEs.
 * @param minMse - running minimum.
 * @param finalMse - last dummy.
 * @param extra - other fields to override (e.g. `repCor`).
 * @returns the result.
 */
export function dlgResult(minMse: number, finalMse: number, extra: Partial<DlgCellResult> = {}): DlgCellResult {
  return { label: 3, finalMse, minMse, minMseIteration: 1, bestMse: finalMse, finalPsnr: 10, finalSsim: 0.5, ssimVariant: 'test', labelCorrect: true, diverged: false, attackSteps: 1, evaluations: 1, defenseStats: {}, truthPng: FIXTURE_PNG, reconstructionPng: FIXTURE_PNG, ...extra };
}

/**
 * A GS result: normalised final / min MSE, pixel final MSE and SSIM given.
 * @param m - the metrics that matter.
 * @returns the result.
 */
export function gsResult(m: { finalMse: number; minMse: number; pixelMse: number; ssim: number; psnr?: number }): GsCellResult {
  const space = { minMseIteration: 1, bestMse: m.finalMse, finalPsnr: 12 };
  return {
    label: 7, predictedLabel: 7, labelCorrect: true, labelSource: 'idlg',
    normalised: { ...space, finalMse: m.finalMse, minMse: m.minMse },
    pixels01: { ...space, finalMse: m.pixelMse, minMse: m.pixelMse, finalPsnr: m.psnr ?? 20, finalSsim: m.ssim },
    ssimVariant: 'test', diverged: false, iterations: 2, defenseStats: {}, truthPng: FIXTURE_PNG, reconstructionPng: FIXTURE_PNG,
  };
}

/**
 * A training result with the given accuracy.
 * @param accuracy - final test accuracy.
 * @returns the result.
 */
export function trainResult(accuracy: number): TrainCellResult {
  return { accuracy, loss: 1, rounds: 1, paramsDigest: 'x', defense: 'd', model: 'mlp3', dataset: 'mnist', history: [], defenseStats: {} };
}

/**
 * Finished cells built by `resultFor` for every spec.
 * @param specs - the cells.
 * @param resultFor - the result of each.
 * @returns the map by id.
 */
export function cellsFor(specs: readonly CellSpec[], resultFor: (s: CellSpec) => unknown): CellResults {
  return new Map(specs.map((spec): [string, CellRecord] => [cellId(spec), { id: cellId(spec), spec, backend: 'cpu', result: resultFor(spec), timing: { ms: 1000, finishedAt: 'now' } }]));
}
