/**
 * An optional layer-by-layer description of a purely sequential model, for code that needs the
 * architecture and not only `apply` (the attacks' hand-derived double backprop,
 * src/sim/attacks/sequentialDoubleBackprop.ts). A model that declares `layers` computes exactly
 * `sequentialForward(layers)`, so the description cannot drift from the forward pass.
 *
 * Supported layers: conv (PyTorch padding, weight `${name}.weight` [k, k, in, out] and bias
 * `${name}.bias`), sigmoid, flatten (h, w, c order), dense (`${name}.weight` [in, out] and bias).
 * The last layer must be dense (it produces the logits).
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { conv2dPt, dense } from '../../tensor/ops.js';
import type { Model, ModelOutput } from '../types.js';

/** One layer of a sequential model. */
export type SequentialLayer =
  | { readonly kind: 'conv'; readonly name: string; readonly stride: number; readonly pad: number }
  | { readonly kind: 'sigmoid' }
  | { readonly kind: 'flatten' }
  | { readonly kind: 'dense'; readonly name: string };

/** A model that declares its layers (see the file header). */
export interface SequentialModel extends Model {
  readonly layers: readonly SequentialLayer[];
}

/** The layers `model` declares, or undefined when it declares none (then only `apply` is known). */
export function sequentialLayersOf(model: Model): readonly SequentialLayer[] | undefined {
  return (model as Partial<SequentialModel>).layers;
}

function applyLayer(p: ParamMap, layer: SequentialLayer, a: tf.Tensor): tf.Tensor {
  switch (layer.kind) {
    case 'conv':
      return conv2dPt(a as tf.Tensor4D, p[`${layer.name}.weight`] as tf.Tensor4D, p[`${layer.name}.bias`] as tf.Tensor1D, layer.stride, layer.pad);
    case 'sigmoid':
      return tf.sigmoid(a);
    case 'flatten':
      return tf.reshape(a, [a.shape[0], a.size / a.shape[0]]);
    case 'dense':
      return dense(a as tf.Tensor2D, p[`${layer.name}.weight`] as tf.Tensor2D, p[`${layer.name}.bias`] as tf.Tensor1D);
  }
}

/**
 * The forward pass of `layers`; the representation is the input of the dense layer
 * `representationLayer`.
 * @throws Error when the last layer is not dense or `representationLayer` is not a dense layer.
 */
export function sequentialForward(
  layers: readonly SequentialLayer[], representationLayer: string,
): (p: ParamMap, x: tf.Tensor4D) => ModelOutput {
  const last = layers[layers.length - 1];
  if (last === undefined || last.kind !== 'dense') throw new Error(`sequentialForward: the last layer must be dense (got ${JSON.stringify(last)})`);
  const rep = layers.findIndex((l) => l.kind === 'dense' && l.name === representationLayer);
  if (rep < 0) throw new Error(`sequentialForward: no dense layer '${representationLayer}' (got ${JSON.stringify(layers)})`);
  return (p, x) => {
    let a: tf.Tensor = x;
    let representation: tf.Tensor = x;
    layers.forEach((layer, i) => {
      if (i === rep) representation = a;
      a = applyLayer(p, layer, a);
    });
    return { logits: a as tf.Tensor2D, representation: representation as tf.Tensor2D };
  };
}
