/**
 * Named attack presets (`soteria-lab attack --preset NAME`), composed from shared parts
 * (style.md §8). Settings follow PAPER.md §2 and §4: DLG as the official notebook runs it
 * (sigmoid LeNet, U(−0.5, 0.5) weights, [0, 1] pixels, 300 L-BFGS steps, batch 1); GS as
 * Geiping et al.'s script (ConvNet width 64, untrained, BN in eval mode, normalised images).
 */
import type { AttackConfigInput } from './attackConfigSchema.js';

/** An MNIST test digit zero-padded to 32×32×1, as the LeNet MNIST variant takes it (PAPER.md §4). */
const MNIST_PADDED = { dataset: 'mnist', split: 'test', pad28to32: true } as const;

/** DLG notebook: image 0, no defense, whole-model gradient, 300 L-BFGS steps. */
const dlgMnist = {
  seed: 0,
  attack: 'dlg',
  model: { kind: 'lenetDlg' },
  data: MNIST_PADDED,
  image: 0,
  defense: { kind: 'none' },
  selection: 'all',
  steps: 300,
} as const satisfies AttackConfigInput;

const gsConvNet = { seed: 0, attack: 'gs', model: { kind: 'convNet', width: 64 }, image: 0, defense: { kind: 'none' }, selection: 'all' } as const;

/** Every attack preset by name. */
export const ATTACK_PRESETS = {
  /** DLG (Zhu et al. 2019) on one MNIST test digit through the DLG LeNet, notebook settings. */
  'dlg-mnist-lenet': dlgMnist,
  /**
   * DLG on one synthetic 32×32×3 colour image (smooth "blobs", 10 classes; no dataset needed).
   * PAPER.md §7: colour images are seed-sensitive under the notebook's L-BFGS.
   */
  'dlg-synthetic-lenet': { ...dlgMnist, data: { dataset: 'synthetic', kind: 'blobs', shape: [32, 32, 3], numClasses: 10, size: 10 } },
  /** iDLG (Zhao et al. 2020): label inferred from the last layer's update, then DLG with it fixed. */
  'idlg-mnist-lenet': { ...dlgMnist, attack: 'idlg' },
  /** GS (Geiping et al. 2020) on one MNIST test digit (28×28×1), paper setting: 120 iterations. */
  'gs-mnist-convnet': { ...gsConvNet, data: { dataset: 'mnist', split: 'test' }, gs: { preset: 'paper' } },
  /** GS on one CIFAR-10 test image, paper setting: 120 iterations. Needs --data-dir. */
  'gs-cifar10-convnet': { ...gsConvNet, data: { dataset: 'cifar10', split: 'test' }, gs: { preset: 'paper' } },
  /** GS on one CIFAR-10 test image, the official script's 24 000 iterations. Needs --data-dir. */
  'gs-cifar10-convnet-code': { ...gsConvNet, data: { dataset: 'cifar10', split: 'test' }, gs: { preset: 'code' } },
} as const satisfies Record<string, AttackConfigInput>;

/** An attack preset name. */
export type AttackPresetName = keyof typeof ATTACK_PRESETS;

/** Attack preset names in listing order. */
export const ATTACK_PRESET_NAMES = Object.keys(ATTACK_PRESETS) as AttackPresetName[];
