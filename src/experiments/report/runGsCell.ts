/**
 * A `gs` cell: inverting gradients (Geiping et al. 2020) as Soteria's GS script runs it, on one
 * test image against one defense, through `runGsCase` (normalised images, label from iDLG);
 * returns the metrics in both spaces and both images as PNG data URIs.
 */
import { makeModel } from '../../sim/models/index.js';
import { denormalizeImage } from '../../sim/data/normalization.js';
import type { AttackDataConfig } from '../attackConfigSchema.js';
import type { GsSpaceMetrics } from '../gsCaseMetrics.js';
import { loadAttackImage } from '../loadAttackImage.js';
import { runGsCase } from '../runGsCase.js';
import { pngDataUri } from '../writePng.js';
import type { GsCellSpec } from './cellSpec.js';
import type { GsCellResult, GsCellSpaceMetrics } from './cellRecord.js';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function space(m: GsSpaceMetrics): GsCellSpaceMetrics {
  return { finalMse: finite(m.finalMse), minMse: finite(m.minMse.value), minMseIteration: m.minMse.iteration, bestMse: finite(m.bestMse), finalPsnr: finite(m.finalPsnr) };
}

/**
 * The data section of a GS cell's target image: the DLG LeNet takes 28×28 sets padded to 32×32.
 * @param spec - the cell.
 * @param dataDir - CIFAR-10 directory.
 * @returns the attack data config (test split).
 */
export function gsAttackData(spec: GsCellSpec, dataDir?: string): AttackDataConfig {
  if (spec.dataset === 'cifar10') return { dataset: 'cifar10', split: 'test', ...(dataDir !== undefined ? { dataDir } : {}) } as AttackDataConfig;
  return { dataset: spec.dataset, split: 'test', pad28to32: spec.model === 'lenetDlg' } as AttackDataConfig;
}

/**
 * Run one GS cell (backend already initialised).
 * @param spec - the cell.
 * @param dataDir - CIFAR-10 directory, when the cell needs it.
 * @returns plain JSON (non-finite metrics as null).
 */
export function runGsCell(spec: GsCellSpec, dataDir?: string): GsCellResult {
  const target = loadAttackImage(gsAttackData(spec, dataDir), spec.imageIndex, spec.seed);
  const inputShape = [...target.shape] as [number, number, number];
  const model = spec.model === 'convNet' ? makeModel({ kind: 'convNet', width: 64, inputShape, numClasses: 10 }) : makeModel({ kind: 'lenetDlg', inputShape, numClasses: 10 });
  const r = runGsCase({ model, image: target.pixels, label: target.label, defense: spec.defense, seed: spec.seed, preset: spec.preset, iterations: spec.iterations });
  const pixels = denormalizeImage(r.attack.reconstruction.data, r.normalization, inputShape[2]);
  return {
    label: target.label,
    predictedLabel: r.attack.labels[0],
    labelCorrect: r.labelCorrect,
    labelSource: r.labelSource,
    normalised: space(r.normalised),
    pixels01: { ...space(r.pixels01), finalSsim: finite(r.pixels01.finalSsim) },
    ssimVariant: r.pixels01.ssimVariant,
    diverged: r.attack.diverged,
    iterations: r.attack.steps,
    defenseStats: r.defenseStats,
    truthPng: pngDataUri({ data: target.pixels, shape: target.shape }),
    reconstructionPng: pngDataUri({ data: pixels, shape: target.shape }),
  };
}
