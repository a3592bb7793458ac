/**
 * `fl-round-mnist`: one FedAvg round of the Soteria §6.1 configuration with McMahan et al.'s
 * CNN — 10 devices × 200 samples of 28×28×1, each trained E = 1 epoch with B = 32 (7 steps, the
 * last one of 8 samples), SGD η = 0.01, no defense — then aggregated. Evaluation is excluded.
 * The pixels are synthetic noise of MNIST's shape (timing does not depend on them, and the
 * bench needs no dataset files).
 *
 * `fl-round-mnist` trains the devices one after another in this thread (`runRound`, one core,
 * like-for-like with single-thread PyTorch); `fl-round-mnist-2w` trains them in two worker
 * threads (`runRoundParallel`, what `soteria-lab train --workers 2` does) — the same work and the
 * same result, compared with the same single-thread PyTorch round.
 */
import { disposeParams } from '../tensor/index.js';
import { makeSyntheticDataset } from '../sim/data/synthetic.js';
import { makeDefense } from '../sim/defenses/index.js';
import { ClientPool } from '../sim/fl/clientPool.js';
import { runRound, runRoundParallel } from '../sim/fl/runRound.js';
import type { RoundSetup } from '../sim/fl/runRound.js';
import { makeModel } from '../sim/models/index.js';
import type { ModelConfig } from '../sim/types.js';
import type { BenchWorkload, PreparedWorkload } from './types.js';

const CLIENTS = 10;
const PER_CLIENT = 200;
const WORKERS = 2;
const MODEL: ModelConfig = { kind: 'fedAvgCnn' };
const DESCRIPTION = 'one FedAvg round: 10 clients × 200 samples 28×28×1, E 1, B 32, FedAvg CNN, no defense (evaluation excluded)';

function roundSetup(seed: number): RoundSetup {
  const train = makeSyntheticDataset({ seed, n: CLIENTS * PER_CLIENT, shape: [28, 28, 1], numClasses: 10, kind: 'noise' });
  const clients = Array.from({ length: CLIENTS }, (_, k) => Array.from({ length: PER_CLIENT }, (_, i) => k * PER_CLIENT + i));
  return {
    seed, model: makeModel(MODEL), train, clients, defense: makeDefense({ kind: 'none' }),
    fl: { numClients: CLIENTS, clientsPerRound: CLIENTS, rounds: 1, localEpochs: 1, batchSize: 32, lr: { kind: 'constant', eta: 0.01 }, l2: 0, sampling: 'uniform' },
  };
}

/** One round, devices in this thread. */
export const flRoundMnist: BenchWorkload = {
  name: 'fl-round-mnist',
  description: `${DESCRIPTION}, devices in sequence in one thread`,
  iterationsPerPass: 1,
  warmup: 1,
  setup: (seed) => {
    const setup = roundSetup(seed);
    const params = setup.model.init(seed);
    return {
      run: () => disposeParams(runRound(setup, params, 0).params),
      dispose: () => disposeParams(params),
    };
  },
};

/** One round, devices in two worker threads. */
export const flRoundMnistWorkers: BenchWorkload = {
  name: 'fl-round-mnist-2w',
  description: `${DESCRIPTION}, devices in ${WORKERS} worker threads`,
  iterationsPerPass: 1,
  warmup: 1,
  threads: WORKERS,
  torchName: 'fl-round-mnist',
  setup: (seed): PreparedWorkload => {
    const setup = roundSetup(seed);
    const params = setup.model.init(seed);
    const pool = new ClientPool(WORKERS);
    return {
      run: async () => disposeParams((await runRoundParallel(setup, params, 0, { pool, model: MODEL })).params),
      dispose: async () => {
        disposeParams(params);
        await pool.close();
      },
    };
  },
};
