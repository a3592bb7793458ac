import { describe, expect, it } from 'vitest';
import { PRESET_NAMES, PRESETS } from './presets.js';
import { resolveTrainConfig } from './resolveTrainConfig.js';

describe('presets', () => {
  it.each(PRESET_NAMES)('%s validates and resolves (CIFAR-10 with a data directory)', (name) => {
    // Arrange
    const dataDir = name.startsWith('cifar10') ? '/data/cifar' : undefined;
    // Act
    const { config } = resolveTrainConfig({ preset: name, overrides: { dataDir } });
    // Assert
    expect(config.partition.numClients).toBe(config.fl.numClients);
    expect(config.model.inputShape).toBeDefined();
  });

  it('CIFAR-10 presets without --data-dir fail with a one-line InputError saying how', () => {
    // Arrange / Act / Assert
    for (const name of ['cifar10-lenet-noniid', 'cifar10-convnet-noniid']) {
      expect(() => resolveTrainConfig({ preset: name })).toThrow(/^preset cifar10-\w+-noniid: data\.dataDir: .*--data-dir DIR/);
    }
  });

  it('mnist-fedavgcnn-noniid is Soteria §6.1 (PAPER.md §1)', () => {
    // Arrange / Act
    const { config: c } = resolveTrainConfig({ preset: 'mnist-fedavgcnn-noniid' });
    // Assert
    expect(c.model.kind).toBe('fedAvgCnn');
    expect(c.data.dataset).toBe('mnist');
    expect(c.partition).toMatchObject({ kind: 'pathological', numClients: 100, classesPerClient: 2, samplesPerClass: 100 });
    expect(c.fl).toEqual({ numClients: 100, clientsPerRound: 10, rounds: 200, localEpochs: 1, batchSize: 32, lr: { kind: 'constant', eta: 0.01 }, l2: 0, sampling: 'uniform' });
    expect(c.defense).toEqual({ kind: 'none' });
  });

  it('fmnist-fedavgcnn-noniid differs from the MNIST preset only in the dataset', () => {
    // Arrange / Act
    const { data: d1, ...a } = PRESETS['mnist-fedavgcnn-noniid'];
    const { data: d2, ...b } = PRESETS['fmnist-fedavgcnn-noniid'];
    // Assert
    expect(b).toEqual(a);
    expect([d1.dataset, d2.dataset]).toEqual(['mnist', 'fashionMnist']);
  });

  it('mnist-logreg-thm2 follows §6.3 / Li et al.: LR from w0 = 0, λ = 1e-4, E 5, p-sampling with eq. (13)', () => {
    // Arrange / Act
    const { config: c } = resolveTrainConfig({ preset: 'mnist-logreg-thm2' });
    // Assert
    expect(c.model).toMatchObject({ kind: 'logReg', init: 'zeros' });
    expect(c.fl).toMatchObject({ numClients: 100, clientsPerRound: 10, localEpochs: 5, batchSize: 32, l2: 1e-4, sampling: 'eq13' });
    expect(c.partition).toMatchObject({ kind: 'pathological', classesPerClient: 2 });
    expect(c.fl.lr.kind).toBe('inverseRound');
  });
});
