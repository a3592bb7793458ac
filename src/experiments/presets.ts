/**
 * Named train presets (`soteria-lab train --preset NAME`), composed from shared parts
 * (style.md §8). Paper settings follow Soteria (arXiv 2012.06043) §6.1 and §6.3 and Li et al.
 * 2020 §7; what the paper leaves open is stated next to the preset.
 */
import type { TrainConfigInput } from './configSchema.js';

/** §6.1 non-IID split: 100 devices, 2 random classes × 100 samples each. */
const PAPER_PARTITION = { kind: 'pathological', classesPerClient: 2, samplesPerClass: 100 } as const;
/** §6.1 FedAvg: N 100, K 10 (uniform, McMahan), E 1, B 32, SGD lr 0.01 constant. */
const PAPER_FL = { numClients: 100, clientsPerRound: 10, localEpochs: 1, batchSize: 32, lr: { kind: 'constant', eta: 0.01 }, l2: 0, sampling: 'uniform' } as const;

const mnistFedAvgCnn = {
  seed: 0,
  model: { kind: 'fedAvgCnn' },
  data: { dataset: 'mnist' },
  partition: PAPER_PARTITION,
  fl: { ...PAPER_FL, rounds: 200 },
  defense: { kind: 'none' },
  eval: { every: 1, batchSize: 500 },
} as const satisfies TrainConfigInput;

const cifarBase = {
  seed: 0,
  data: { dataset: 'cifar10' },
  partition: PAPER_PARTITION,
  fl: { ...PAPER_FL, rounds: 1000 },
  defense: { kind: 'none' },
  eval: { every: 1, batchSize: 500 },
} as const;

/** Every preset by name. */
export const PRESETS = {
  /**
   * Smoke run in about a minute on 2 CPU cores (≈ 0.8 test accuracy): the first 4000 MNIST
   * training images split over 20 devices with Dirichlet(α = 0.5) label skew, 10 per round,
   * a 784–128–64–10 ReLU MLP, E 1, B 16, SGD 0.05, 30 rounds, 2000 test images. Not a paper
   * setting (the paper's 2-class split needs far more rounds to pass 0.8).
   */
  quick: {
    seed: 0,
    model: { kind: 'mlp3', hidden: [128, 64] },
    data: { dataset: 'mnist', trainLimit: 4000, testLimit: 2000 },
    partition: { kind: 'dirichlet', alpha: 0.5 },
    fl: { numClients: 20, clientsPerRound: 10, rounds: 30, localEpochs: 1, batchSize: 16, lr: { kind: 'constant', eta: 0.05 }, l2: 0, sampling: 'uniform' },
    defense: { kind: 'none' },
    eval: { every: 1, batchSize: 500 },
  },
  /** Soteria §6.1 on MNIST with McMahan et al.'s CNN (defended layer fc2, r = 512 features). */
  'mnist-fedavgcnn-noniid': mnistFedAvgCnn,
  /**
   * Soteria §6.3 / Theorem 2 with Li et al. 2020's LR setting: multinomial logistic regression,
   * λ = 1e-4 on all weights, w₀ = 0, 2 digits per device (100 samples each, as §6.1), K 10 drawn
   * with replacement by p_k and aggregated by eq. (13) as printed (balanced p, so = Scheme I),
   * E 5, B 32, η = 0.1/(1 + round) (Li et al.'s experiments; the paper gives no rate).
   */
  'mnist-logreg-thm2': {
    seed: 0,
    model: { kind: 'logReg', init: 'zeros' },
    data: { dataset: 'mnist' },
    partition: PAPER_PARTITION,
    fl: { numClients: 100, clientsPerRound: 10, rounds: 200, localEpochs: 5, batchSize: 32, lr: { kind: 'inverseRound', eta0: 0.1 }, l2: 1e-4, sampling: 'eq13' },
    defense: { kind: 'none' },
    eval: { every: 1, batchSize: 500 },
  },
  /** As mnist-fedavgcnn-noniid, on Fashion-MNIST. */
  'fmnist-fedavgcnn-noniid': { ...mnistFedAvgCnn, data: { dataset: 'fashionMnist' } },
  /** Soteria §6.1 on CIFAR-10 (1000 rounds) with DLG's sigmoid LeNet (r = 768). Needs --data-dir. */
  'cifar10-lenet-noniid': { ...cifarBase, model: { kind: 'lenetDlg' } },
  /** Soteria §6.1 on CIFAR-10 (1000 rounds) with Geiping et al.'s ConvNet, width 64 (r = 2304). Needs --data-dir. */
  'cifar10-convnet-noniid': { ...cifarBase, model: { kind: 'convNet', width: 64 } },
} as const satisfies Record<string, TrainConfigInput>;

/** A preset name. */
export type PresetName = keyof typeof PRESETS;

/** Preset names in listing order. */
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
