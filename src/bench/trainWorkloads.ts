/**
 * Training-step workloads: one SGD step (forward, backward, update; mean CE on hard labels,
 * batch 32, η = 0.01) through `sgdStep`, the step federated training runs, with the
 * pass-through defense. The updated parameters are discarded so every iteration is identical.
 */
import { disposeParams, makeRng, randomUniformTensor, tf } from '../tensor/index.js';
import { passThroughDefense } from '../sim/fl/flFixture.js';
import { sgdStep } from '../sim/fl/sgdStep.js';
import { fedAvgCnn } from '../sim/models/fedAvgCnn.js';
import { lenetDlg } from '../sim/models/lenetDlg.js';
import { trainableParamNames } from '../sim/models/trainableParamNames.js';
import type { Model } from '../sim/types.js';
import { tinyCnn } from './tinyCnn.js';
import type { BenchWorkload } from './types.js';

const BATCH = 32;
const ETA = 0.01;

function trainStepWorkload(name: string, description: string, makeModel: () => Model, iterationsPerPass: number): BenchWorkload {
  return {
    name,
    description,
    iterationsPerPass,
    warmup: 2,
    setup: (seed) => {
      const model = makeModel();
      const params = model.init(seed);
      const trainable = trainableParamNames(model);
      const rng = makeRng(seed, 'bench', name);
      const x = randomUniformTensor(rng.fork('x'), [BATCH, ...model.inputShape]) as tf.Tensor4D;
      const labels = Int32Array.from({ length: BATCH }, (_, i) => rng.fork('y', i).nextInt(model.numClasses));
      const y = tf.tensor1d(labels, 'int32');
      const ctx = { model, params, x, y, rng: rng.fork('defense') };
      return {
        run: () => {
          const out = sgdStep(model, params, trainable, { x, y, eta: ETA, defense: passThroughDefense, ctx });
          disposeParams(out.trainable);
          out.loss.dispose();
        },
        dispose: () => {
          disposeParams(params);
          tf.dispose([x, y]);
        },
      };
    },
  };
}

/** `train-lenet-b32`: DLG's sigmoid LeNet on 32×32×3. */
export const trainLenet = trainStepWorkload('train-lenet-b32', 'SGD step, LeNet (DLG) 32×32×3, batch 32', () => lenetDlg(), 5);

/** `train-tinycnn-b32`: the tiny CNN on 28×28×1. */
export const trainTinyCnn = trainStepWorkload('train-tinycnn-b32', 'SGD step, tiny CNN (conv3×3 1→8, conv3×3 8→16, FC 784→10) 28×28×1, batch 32', tinyCnn, 5);

/** `train-fedavgcnn-b32`: McMahan et al.'s CNN on 28×28×1 (1,663,370 parameters). */
export const trainFedAvgCnn = trainStepWorkload('train-fedavgcnn-b32', 'SGD step, FedAvg CNN (McMahan et al.) 28×28×1, batch 32', () => fedAvgCnn(), 3);
