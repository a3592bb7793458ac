/**
 * A `dlg` cell: DLG (Zhu et al. 2019, official notebook protocol) with DLG's LeNet on one test
 * image (MNIST / Fashion-MNIST zero-padded to 32×32, PAPER.md §4) against one defense, through
 * `runDlgCase` (selection 'rep': the Rep attack, representation inference + matching, Fig. 3);
 * returns the metrics and both images as PNG data URIs.
 */
import { makeModel } from '../../sim/models/index.js';
import type { AttackDataConfig } from '../attackConfigSchema.js';
import { loadAttackImage } from '../loadAttackImage.js';
import { runDlgCase } from '../runAttack.js';
import { pngDataUri } from '../writePng.js';
import type { DlgCellSpec, ImageDataset } from './cellSpec.js';
import type { DlgCellResult } from './cellRecord.js';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The data section of an attack cell's target image.
 * @param dataset - which dataset.
 * @param dataDir - CIFAR-10 directory (MNIST and Fashion-MNIST use their installed copies).
 * @returns the attack data config (test split; 28×28 sets padded to 32×32).
 */
export function attackData(dataset: ImageDataset, dataDir?: string): AttackDataConfig {
  if (dataset === 'cifar10') return { dataset, split: 'test', ...(dataDir !== undefined ? { dataDir } : {}) } as AttackDataConfig;
  return { dataset, split: 'test', pad28to32: true } as AttackDataConfig;
}

/**
 * Run one DLG cell (backend already initialised).
 * @param spec - the cell.
 * @param dataDir - CIFAR-10 directory, when the cell needs it.
 * @returns plain JSON (non-finite metrics as null).
 */
export function runDlgCell(spec: DlgCellSpec, dataDir?: string): DlgCellResult {
  const target = loadAttackImage(attackData(spec.dataset, dataDir), spec.imageIndex, spec.seed);
  const model = makeModel({ kind: 'lenetDlg', inputShape: [...target.shape], numClasses: 10 });
  const rep = spec.selection === 'rep';
  const r = runDlgCase({
    model, image: target.pixels, label: target.label, defense: spec.defense, seed: spec.seed, steps: spec.steps,
    ...(rep ? { matching: 'representation' as const } : { selection: spec.selection as Exclude<DlgCellSpec['selection'], 'rep'> }),
  });
  return {
    label: target.label,
    finalMse: finite(r.finalMse),
    minMse: finite(r.minMse.value),
    minMseIteration: r.minMse.iteration,
    bestMse: finite(r.bestMse),
    finalPsnr: finite(r.finalPsnr),
    finalSsim: finite(r.finalSsim),
    ssimVariant: r.ssimVariant,
    labelCorrect: r.labelCorrect,
    diverged: r.attack.diverged,
    attackSteps: r.attack.steps,
    evaluations: r.attack.evaluations,
    defenseStats: r.defenseStats,
    truthPng: pngDataUri({ data: target.pixels, shape: target.shape }),
    reconstructionPng: pngDataUri({ data: r.attack.reconstruction.data, shape: target.shape }),
    ...(r.repCor !== undefined ? { repCor: r.repCor } : {}),
  };
}
