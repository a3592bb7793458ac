/**
 * The MNIST CNN of McMahan et al. 2017 (FedAvg), used for the accuracy side of Soteria
 * (arXiv 2012.06043) Fig. 5 on MNIST:
 *
 *   conv1 C→32, 5×5, pad 2 – ReLU – MaxPool(2);  conv2 32→64, 5×5, pad 2 – ReLU – MaxPool(2)
 *   flatten (h, w, c order; 7·7·64 = 3136 for 28×28) → fc1 (→ 512) – ReLU → fc2 (512 → classes)
 *
 * 1,663,370 parameters at 28×28×1, PyTorch default init, pooling in PyTorch floor mode.
 *
 * Defended layer: 'fc2' by default, so r is the 512 post-ReLU fc1 features. Soteria defends the
 * classifier layer, whose input is the last representation (LeNet: 768 features into `fc`;
 * ConvNet: 2304 into `fc`), and the representation inference of §3.2 reads class
 * representations from the rows of that layer's update; fc2 is this network's classifier.
 * 'fc1' (r = the 3136 flattened conv features) is available as an option.
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { conv2dPt, dense, maxPool2d } from '../../tensor/ops.js';
import { InputError } from '../../errors.js';
import type { FedAvgCnnConfig, Model } from '../types.js';
import { defineModel } from './defineModel.js';
import { convSpecs, denseSpecs } from './layerSpecs.js';
import { resolveCommonOptions } from './resolveCommonOptions.js';

/**
 * Build McMahan et al.'s CNN. McMahan et al. 2017, §3 "CNN" for MNIST.
 * @param options - representationLayer @default 'fc2'; inputShape @default [28, 28, 1];
 *   numClasses @default 10.
 */
export function fedAvgCnn(options: Omit<FedAvgCnnConfig, 'kind'> = {}): Model {
  const { inputShape, numClasses } = resolveCommonOptions('fedAvgCnn', options, [28, 28, 1]);
  const representationLayer = options.representationLayer ?? 'fc2';
  if (representationLayer !== 'fc1' && representationLayer !== 'fc2') {
    throw new InputError(`fedAvgCnn: unknown representationLayer (got '${String(representationLayer)}', expected 'fc1' or 'fc2')`);
  }
  const [h, w, c] = inputShape;
  const side = (n: number): number => Math.floor(Math.floor(n / 2) / 2);
  if (side(h) < 1 || side(w) < 1) throw new InputError(`fedAvgCnn: input too small for two MaxPool(2) (got ${h}x${w}, expected H, W >= 4)`);
  const flat = 64 * side(h) * side(w);
  const params = [...convSpecs('conv1', 5, c, 32), ...convSpecs('conv2', 5, 32, 64), ...denseSpecs('fc1', flat, 512), ...denseSpecs('fc2', 512, numClasses)];
  const forward = (p: ParamMap, x: tf.Tensor4D): { logits: tf.Tensor2D; representation: tf.Tensor2D } => {
    const t4 = (n: string): tf.Tensor4D => p[n] as tf.Tensor4D;
    const t2 = (n: string): tf.Tensor2D => p[n] as tf.Tensor2D;
    const t1 = (n: string): tf.Tensor1D => p[n] as tf.Tensor1D;
    const a1 = maxPool2d(tf.relu(conv2dPt(x, t4('conv1.weight'), t1('conv1.bias'), 1, 2)), 2, 'floor');
    const a2 = maxPool2d(tf.relu(conv2dPt(a1, t4('conv2.weight'), t1('conv2.bias'), 1, 2)), 2, 'floor');
    const f = tf.reshape(a2, [x.shape[0], flat]) as tf.Tensor2D;
    const hidden = tf.relu(dense(f, t2('fc1.weight'), t1('fc1.bias')));
    const logits = dense(hidden, t2('fc2.weight'), t1('fc2.bias'));
    return { logits, representation: representationLayer === 'fc2' ? hidden : f };
  };
  const representationSize = representationLayer === 'fc2' ? 512 : flat;
  return defineModel({ name: 'fedAvgCnn', inputShape, numClasses, params, representationLayer, representationSize, forward });
}
