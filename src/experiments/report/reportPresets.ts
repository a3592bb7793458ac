/**
 * Named report presets: `tiny` (tests only: 1-step attacks, 1-round training), `quick` (`npm
 * start`, 6–7 minutes on 2 idle cores: MNIST, 100-step DLG, 15-round FedAvg; GS with the DLG LeNet,
 * 120 iterations) and `paper` (Table 2 ranges, 300 DLG steps, 200 FedAvg rounds, several seeds;
 * GS with ConvNet on CIFAR-10 when a data dir is given, else MNIST, 120 and 24 000 iterations:
 * hours to days; resumable and shardable).
 */
import { InputError } from '../../errors.js';
import type { AttackGrid, GsSetup, ReportPlan } from './reportPlan.js';

/** Report preset names (tiny is for tests). */
export const REPORT_PRESETS = ['quick', 'paper', 'tiny'] as const;

/** A report preset name. */
export type ReportPresetName = (typeof REPORT_PRESETS)[number];

/** Soteria §6.3: ε = 50 of the 784 LR inputs, as a percentage the exact rule turns into ⌊p·784/100⌋ = 50. */
const EPS50_OF_784 = 6.38;

/** Table 1 on MNIST: §6.1 devices (100, 10 per round, 2 classes × 20 samples), first 10 000 training images. */
const TABLE1_MNIST = { data: { dataset: 'mnist', trainLimit: 10_000, testLimit: 1000 }, numClients: 100, clientsPerRound: 10, classesPerClient: 2, samplesPerClass: 20, rounds: 1 } as const;

/** Table 1's six settings (E, B, split). */
const TABLE1_SETTINGS = [
  { localEpochs: 1, batchSize: 32, split: 'noniid' }, { localEpochs: 5, batchSize: 32, split: 'noniid' }, { localEpochs: 10, batchSize: 32, split: 'noniid' },
  { localEpochs: 1, batchSize: 16, split: 'noniid' }, { localEpochs: 1, batchSize: 8, split: 'noniid' }, { localEpochs: 1, batchSize: 32, split: 'iid' },
] as const;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** GS as the paper runs it (Adam, 120 iterations) with the DLG LeNet on MNIST padded to 32×32 (cheap). */
const GS_LENET_MNIST: GsSetup = { dataset: 'mnist', model: 'lenetDlg', preset: 'paper', iterations: 120 };

/** Tests only: one undefended 1-step DLG cell and one 1-step Rep cell (Fig. 3), one 2-iteration GS cell (Fig. 6), a tiny Theorem-2 cell, one synthetic Table-1 run and three 3-sample checks. */
function tiny(): ReportPlan {
  const attack: AttackGrid = { dataset: 'mnist', images: [0], seeds: [0], steps: 1 };
  return {
    name: 'tiny', title: 'soteria-lab report (tiny test preset)',
    fig3: { attack, soteriaPercent: 40, variants: ['WG', 'Rep'] },
    fig5: { attacks: [], gs: [], grid: { soteria: [], gc: [], dpGaussian: [], dpLaplace: [] }, train: { presets: {}, rounds: 1, seeds: [0] }, noLossTolerance: 0.05 },
    fig6: { gs: { ...GS_LENET_MNIST, iterations: 2 }, imageIndex: 0, seed: 0, soteria: [], gc: [] },
    fig7: { theorem2: { devices: 4, samplesPerDevice: 10, d: 4, C: 3, rounds: 20, checkpoints: 4, variants: [], variantSeeds: 1, unbalanced: false }, seedCount: 2, seed: 0, train: null },
    table1: { base: { data: { dataset: 'synthetic', kind: 'blobs', trainSize: 400, testSize: 50, shape: [6, 6, 1], numClasses: 10, noise: 0.3 }, model: { hidden: [32, 16] }, numClients: 6, clientsPerRound: 3, samplesPerClass: 10, rounds: 1 }, settings: [{ localEpochs: 1, batchSize: 32, split: 'noniid' }], seed: 0 },
    verdicts: { samples: 3, seed: 0 },
  };
}

function quick(): ReportPlan {
  const attack: AttackGrid = { dataset: 'mnist', images: [0, 1], seeds: [0], steps: 100 };
  return {
    name: 'quick', title: 'soteria-lab report — quick preset (MNIST, short runs)',
    fig3: { attack, soteriaPercent: 40 },
    fig5: {
      attacks: [attack], gs: [{ ...GS_LENET_MNIST, images: [0], seeds: [0] }],
      grid: { soteria: [10, 40], gc: [20, 80], dpGaussian: [1e-3, 1e-1], dpLaplace: [1e-3, 1e-1] }, train: { presets: { mnist: 'quick' }, rounds: 15, seeds: [0] }, noLossTolerance: 0.02,
    },
    fig6: { gs: GS_LENET_MNIST, imageIndex: 0, seed: 0, soteria: [10, 20, 40], gc: [20, 50, 80] },
    fig7: { theorem2: { rounds: 1000, checkpoints: 12, variants: [], unbalanced: false }, seedCount: 3, seed: 0, train: null },
    table1: { base: { ...TABLE1_MNIST, rounds: 5 }, settings: TABLE1_SETTINGS, seed: 0 },
    verdicts: { samples: 20, seed: 0 },
  };
}

function paper(dataDir: string | undefined): ReportPlan {
  const grid = (dataset: AttackGrid['dataset']): AttackGrid => ({ dataset, images: range(5), seeds: range(3), steps: 300 });
  const attacks = [grid('mnist'), grid('fashionMnist'), ...(dataDir !== undefined ? [grid('cifar10')] : [])];
  const gs: GsSetup = { dataset: dataDir !== undefined ? 'cifar10' : 'mnist', model: 'convNet', preset: 'paper', iterations: 120 };
  const gsCode: GsSetup = { ...gs, preset: 'code', iterations: 24_000 };
  return {
    name: 'paper', title: 'soteria-lab report — paper-scale sweep',
    fig3: { attack: grid('mnist'), soteriaPercent: 40 },
    fig5: {
      attacks, gs: [{ ...gs, images: range(3), seeds: [0] }, { ...gsCode, images: [0], seeds: [0] }],
      grid: { soteria: [1, 5, 10, 20, 30, 40], gc: [1, 10, 20, 40, 60, 80], dpGaussian: [1e-4, 1e-3, 1e-2, 1e-1], dpLaplace: [1e-4, 1e-3, 1e-2, 1e-1] },
      train: { presets: { mnist: 'mnist-fedavgcnn-noniid', fashionMnist: 'fmnist-fedavgcnn-noniid', cifar10: 'cifar10-lenet-noniid' }, rounds: 200, seeds: range(3) },
      noLossTolerance: 0.01,
    },
    fig6: { gs, imageIndex: 0, seed: 0, soteria: [10, 20, 30, 40, 50, 60, 70, 80], gc: [10, 20, 40, 60, 80, 90] },
    fig7: { theorem2: {}, seedCount: 10, seed: 0, train: { preset: 'mnist-logreg-thm2', rounds: 200, defense: { kind: 'soteria', percent: EPS50_OF_784, rule: 'exact' }, seed: 0 } },
    table1: { base: dataDir !== undefined ? { ...TABLE1_MNIST, data: { dataset: 'cifar10', dataDir }, rounds: 200 } : { ...TABLE1_MNIST, rounds: 200 }, settings: TABLE1_SETTINGS, seed: 0 },
    verdicts: { samples: 200, seed: 0 },
  };
}

/**
 * The plan of a report preset.
 * @param name - preset name.
 * @param dataDir - CIFAR-10 directory (paper: adds CIFAR-10 to Fig. 5 when given).
 * @returns the plan.
 * @throws InputError for an unknown name.
 */
export function reportPlan(name: string, dataDir?: string): ReportPlan {
  switch (name) {
    case 'tiny': return tiny();
    case 'quick': return quick();
    case 'paper': return paper(dataDir);
    default: throw new InputError(`--preset: unknown report preset (got '${name}', expected quick or paper)`);
  }
}
