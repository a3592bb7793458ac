/**
 * Multinomial logistic regression, the model of Soteria (arXiv 2012.06043) Theorem 2 / §6.3 and
 * of Li et al. 2020 ("On the Convergence of FedAvg on Non-IID Data"):
 *
 *   r = flatten x (h, w, c order, D = H·W·C, 784 for MNIST);  logits = r·W + b  ('fc')
 *
 * The defended layer is the only layer, so r is the input itself. Init 'zeros' (default) is Li
 * et al.'s w₀ = 0; 'uniform' is PyTorch's `nn.Linear` default. The L2 term λ/2‖W‖² (Li et al.:
 * λ = 1e-4) is not part of the model: training code adds `l2Penalty` (tensor/losses.ts).
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { dense } from '../../tensor/ops.js';
import { InputError } from '../../errors.js';
import type { LogRegConfig, Model } from '../types.js';
import { defineModel } from './defineModel.js';
import { denseSpecs, torchDefaultInit } from './layerSpecs.js';
import { resolveCommonOptions } from './resolveCommonOptions.js';

/**
 * Build multinomial logistic regression. Li et al. 2020, §7 experiments.
 * @param options - init @default 'zeros'; inputShape @default [28, 28, 1]; numClasses @default 10.
 */
export function logReg(options: Omit<LogRegConfig, 'kind'> = {}): Model {
  const { inputShape, numClasses } = resolveCommonOptions('logReg', options, [28, 28, 1]);
  const init = options.init ?? 'zeros';
  if (init !== 'zeros' && init !== 'uniform') throw new InputError(`logReg: unknown init (got '${String(init)}', expected 'zeros' or 'uniform')`);
  const d = inputShape[0] * inputShape[1] * inputShape[2];
  const params = denseSpecs('fc', d, numClasses, init === 'zeros' ? { kind: 'constant', value: 0 } : torchDefaultInit(d));
  const forward = (p: ParamMap, x: tf.Tensor4D): { logits: tf.Tensor2D; representation: tf.Tensor2D } => {
    const representation = tf.reshape(x, [x.shape[0], d]) as tf.Tensor2D;
    return { logits: dense(representation, p['fc.weight'] as tf.Tensor2D, p['fc.bias'] as tf.Tensor1D), representation };
  };
  return defineModel({ name: 'logReg', inputShape, numClasses, params, representationLayer: 'fc', representationSize: d, forward });
}
