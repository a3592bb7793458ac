/**
 * `fl-round-mnist`: one FedAvg round of the Soteria §6.1 configuration with McMahan et al.'s
 * CNN — 10 devices × 200 samples of 28×28×1, each trained E = 1 epoch with B = 32 (7 steps, the
 * last one of 8 samples), SGD η = 0.01, no defense — then aggregated (`runRound`). Evaluation is
 * excluded. The pixels are synthetic noise of MNIST's shape (timing does not depend on them, and
 * the bench needs no dataset files).
 */
import { disposeParams } from '../tensor/index.js';
import { makeSyntheticDataset } from '../sim/data/synthetic.js';
import { makeDefense } from '../sim/defenses/index.js';
import { runRound } from '../sim/fl/runRound.js';
import type { RoundSetup } from '../sim/fl/runRound.js';
import { fedAvgCnn } from '../sim/models/fedAvgCnn.js';
import type { BenchWorkload } from './types.js';

const CLIENTS = 10;
const PER_CLIENT = 200;

/** One round, 10 clients × 200 samples, E 1, B 32, FedAvg CNN; evaluation excluded. */
export const flRoundMnist: BenchWorkload = {
  name: 'fl-round-mnist',
  description: 'one FedAvg round: 10 clients × 200 samples 28×28×1, E 1, B 32, FedAvg CNN, no defense (evaluation excluded)',
  iterationsPerPass: 1,
  warmup: 1,
  setup: (seed) => {
    const model = fedAvgCnn();
    const train = makeSyntheticDataset({ seed, n: CLIENTS * PER_CLIENT, shape: [28, 28, 1], numClasses: 10, kind: 'noise' });
    const clients = Array.from({ length: CLIENTS }, (_, k) => Array.from({ length: PER_CLIENT }, (_, i) => k * PER_CLIENT + i));
    const setup: RoundSetup = {
      seed, model, train, clients, defense: makeDefense({ kind: 'none' }),
      fl: { numClients: CLIENTS, clientsPerRound: CLIENTS, rounds: 1, localEpochs: 1, batchSize: 32, lr: { kind: 'constant', eta: 0.01 }, l2: 0, sampling: 'uniform' },
    };
    const params = model.init(seed);
    return {
      run: () => disposeParams(runRound(setup, params, 0).params),
      dispose: () => disposeParams(params),
    };
  },
};
