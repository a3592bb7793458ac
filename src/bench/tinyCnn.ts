/**
 * The tiny CNN of the speed notes (a benchmark shape, not a paper model):
 * conv3×3(1→8, pad 1)–ReLU–MaxPool(2), conv3×3(8→16, pad 1)–ReLU–MaxPool(2), FC 784→10, on
 * 28×28×1 (PyTorch default init). Built from the tensor layer's ops like the models in sim/.
 */
import { tf } from '../tensor/index.js';
import type { ParamMap } from '../tensor/index.js';
import { conv2dPt, dense, maxPool2d } from '../tensor/ops.js';
import { defineModel } from '../sim/models/defineModel.js';
import { convSpecs, denseSpecs } from '../sim/models/layerSpecs.js';
import type { Model, ModelOutput } from '../sim/types.js';

/** Build the tiny CNN (representation: the 784 flattened conv features, input of `fc`). */
export function tinyCnn(): Model {
  const params = [...convSpecs('conv1', 3, 1, 8), ...convSpecs('conv2', 3, 8, 16), ...denseSpecs('fc', 784, 10)];
  const forward = (p: ParamMap, x: tf.Tensor4D): ModelOutput => {
    const conv = (a: tf.Tensor4D, n: string): tf.Tensor4D =>
      maxPool2d(tf.relu(conv2dPt(a, p[`${n}.weight`] as tf.Tensor4D, p[`${n}.bias`] as tf.Tensor1D, 1, 1)), 2);
    const a2 = conv(conv(x, 'conv1'), 'conv2');
    const representation = tf.reshape(a2, [x.shape[0], 784]) as tf.Tensor2D;
    return { logits: dense(representation, p['fc.weight'] as tf.Tensor2D, p['fc.bias'] as tf.Tensor1D), representation };
  };
  return defineModel({ name: 'tinyCnn', inputShape: [28, 28, 1], numClasses: 10, params, representationLayer: 'fc', representationSize: 784, forward });
}
