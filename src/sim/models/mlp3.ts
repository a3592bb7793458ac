/**
 * A three-layer perceptron for Soteria (arXiv 2012.06043) Table 1, which infers the class
 * representations at the inputs of FC1, FC2 and FC3 from one client update. The paper does not
 * publish its model; this one is (our choice, stated in reports):
 *
 *   flatten x (h, w, c order) → fc1 (D → h1) – act → fc2 (h1 → h2) – act → fc3 (h2 → classes)
 *
 * with `act` ReLU by default (non-negative features, which representation inference and iDLG
 * assume) or sigmoid, and PyTorch's default init. `representationLayer` picks whose input is
 * returned as r: 'fc3' (default; the last FC layer, the one Soteria defends in its CNNs), 'fc2'
 * or 'fc1' (then r is the flattened image). The parameters do not depend on that choice: models
 * that differ only in `representationLayer` share `init(seed)` bit for bit, so Table 1's three
 * columns can be measured on one trained model.
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { dense } from '../../tensor/ops.js';
import { InputError } from '../../errors.js';
import type { Mlp3Config, Model } from '../types.js';
import { defineModel } from './defineModel.js';
import { denseSpecs } from './layerSpecs.js';
import { checkInt, resolveCommonOptions } from './resolveCommonOptions.js';

const LAYERS = ['fc1', 'fc2', 'fc3'] as const;

/**
 * Build the three-FC model. Soteria Table 1 (architecture not published; see file header).
 * @param options - hidden @default [256, 128]; activation @default 'relu';
 *   representationLayer @default 'fc3'; inputShape @default [32, 32, 3]; numClasses @default 10.
 */
export function mlp3(options: Omit<Mlp3Config, 'kind'> = {}): Model {
  const { inputShape, numClasses } = resolveCommonOptions('mlp3', options, [32, 32, 3]);
  const hidden = options.hidden ?? [256, 128];
  if (!Array.isArray(hidden) || hidden.length !== 2) throw new InputError(`mlp3: hidden must be [h1, h2] (got ${JSON.stringify(hidden)})`);
  hidden.forEach((v, i) => checkInt('mlp3', `hidden[${i}]`, v));
  const activation = options.activation ?? 'relu';
  if (activation !== 'relu' && activation !== 'sigmoid') throw new InputError(`mlp3: unknown activation (got '${String(activation)}', expected 'relu' or 'sigmoid')`);
  const representationLayer = options.representationLayer ?? 'fc3';
  const layer = LAYERS.indexOf(representationLayer);
  if (layer < 0) throw new InputError(`mlp3: unknown representationLayer (got '${String(representationLayer)}', expected one of ${LAYERS.join(', ')})`);
  const d = inputShape[0] * inputShape[1] * inputShape[2];
  const widths = [d, hidden[0], hidden[1], numClasses];
  const params = LAYERS.flatMap((name, i) => denseSpecs(name, widths[i], widths[i + 1]));
  const act = activation === 'relu' ? tf.relu : tf.sigmoid;
  const forward = (p: ParamMap, x: tf.Tensor4D): { logits: tf.Tensor2D; representation: tf.Tensor2D } => {
    let a = tf.reshape(x, [x.shape[0], d]) as tf.Tensor2D;
    let representation = a;
    LAYERS.forEach((name, i) => {
      if (i === layer) representation = a;
      const z = dense(a, p[`${name}.weight`] as tf.Tensor2D, p[`${name}.bias`] as tf.Tensor1D);
      a = i < 2 ? (act(z) as tf.Tensor2D) : z;
    });
    return { logits: a, representation };
  };
  return defineModel({ name: 'mlp3', inputShape, numClasses, params, representationLayer, representationSize: widths[layer], forward });
}
