/**
 * The first two passes of the hand-derived double backprop (sequentialDoubleBackprop.ts) over a
 * model's declared layers (src/sim/models/sequentialLayers.ts): the forward pass, keeping every
 * activation, and the backward pass of CE, keeping every error e_i = ∂L/∂a_i it needs and the
 * selected parameter gradients. Everything here is plain tfjs ops, no gradient tape.
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { SequentialLayer } from '../models/sequentialLayers.js';
import { affineForward, affineInputVjp, affineParamGrads } from './linearLayerOps.js';
import type { FlipCache } from './linearLayerOps.js';
import { sigmoidBackward } from '../../tensor/fusedSigmoid.js';

/** What the passes keep for one evaluation (valid inside the caller's tf.tidy). */
export interface SequentialRecord {
  readonly layers: readonly SequentialLayer[];
  readonly params: ParamMap;
  /** acts[i] is the input of layer i, acts[L] the logits; undefined for a pre-activation fused into its sigmoid. */
  readonly acts: (tf.Tensor | undefined)[];
  readonly shapes: number[][];
  /** Lowest layer with a selected parameter: errors below it are never needed. */
  readonly lo: number;
  readonly flips: FlipCache;
}

/** True for the layers with parameters (conv, dense). */
export const isAffine = (l: SequentialLayer): l is Extract<SequentialLayer, { kind: 'conv' | 'dense' }> => l.kind === 'conv' || l.kind === 'dense';

/** The lowest layer with a selected parameter, after checking `names` and `params` against `layers`. */
function lowestSelected(layers: readonly SequentialLayer[], params: ParamMap, names: readonly string[]): number {
  const lo = layers.findIndex((l) => isAffine(l) && (names.includes(`${l.name}.weight`) || names.includes(`${l.name}.bias`)));
  const known = new Set(layers.flatMap((l) => (isAffine(l) ? [`${l.name}.weight`, `${l.name}.bias`] : [])));
  const unknown = names.filter((n) => !known.has(n));
  if (lo < 0 || unknown.length > 0) throw new Error(`recordForward: selected names must be conv/dense parameters (got ${JSON.stringify(names)})`);
  const missing = [...known].filter((n) => params[n] === undefined);
  if (missing.length > 0) throw new Error(`recordForward: missing parameter(s) ${missing.join(', ')} (got [${Object.keys(params).sort().join(', ')}])`);
  const nonSquare = layers.filter((l) => l.kind === 'conv' && params[`${l.name}.weight`].shape[0] !== params[`${l.name}.weight`].shape[1]);
  if (nonSquare.length > 0) throw new Error(`recordForward: conv filters must be square k × k (got ${nonSquare.map((l) => `${(l as { name: string }).name}.weight [${params[`${(l as { name: string }).name}.weight`].shape.join(', ')}]`).join(', ')})`);
  return lo;
}

/**
 * The forward pass; conv/dense layers followed by a sigmoid run as one fused kernel.
 * @throws Error when a selected name is not a conv/dense parameter of `layers`, or `params`
 *   lacks one of the layers' weights or biases.
 */
export function recordForward(layers: readonly SequentialLayer[], params: ParamMap, x: tf.Tensor4D, names: readonly string[]): SequentialRecord {
  const lo = lowestSelected(layers, params, names);
  const acts: (tf.Tensor | undefined)[] = [x];
  const shapes: number[][] = [x.shape];
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    const a = acts[i] as tf.Tensor;
    if (isAffine(l)) {
      const fuse = layers[i + 1]?.kind === 'sigmoid';
      const y = affineForward(l, params[`${l.name}.weight`], params[`${l.name}.bias`], a, fuse);
      if (fuse) {
        acts.push(undefined);
        shapes.push(y.shape);
        i++;
      }
      acts.push(y);
      shapes.push(y.shape);
    } else {
      acts.push(l.kind === 'sigmoid' ? tf.sigmoid(a) : tf.reshape(a, [a.shape[0], a.size / a.shape[0]]));
      shapes.push((acts[i + 1] as tf.Tensor).shape);
    }
  }
  return { layers, params, acts, shapes, lo, flips: new Map() };
}

/**
 * The backward pass from eTop = ∂L/∂logits: errs[i] = ∂L/∂acts[i] for i > lo, and ∂L/∂θ for the
 * selected names.
 */
export function recordBackward(rec: SequentialRecord, eTop: tf.Tensor, names: readonly string[]): { errs: tf.Tensor[]; grads: Record<string, tf.Tensor> } {
  const { layers, params, acts, shapes, lo } = rec;
  const errs: tf.Tensor[] = [];
  errs[layers.length] = eTop;
  const grads: Record<string, tf.Tensor> = {};
  for (let i = layers.length - 1; i >= lo; i--) {
    const l = layers[i];
    const e = errs[i + 1];
    if (isAffine(l)) {
      const w = params[`${l.name}.weight`];
      const g = affineParamGrads(l, acts[i] as tf.Tensor, e, w.shape[0], names.includes(`${l.name}.weight`), names.includes(`${l.name}.bias`));
      if (g.w !== undefined) grads[`${l.name}.weight`] = g.w;
      if (g.b !== undefined) grads[`${l.name}.bias`] = g.b;
      if (i > lo) errs[i] = affineInputVjp(l, w, e, shapes[i], rec.flips, true);
    } else if (i > lo) {
      errs[i] = l.kind === 'sigmoid' ? sigmoidBackward(e, acts[i + 1] as tf.Tensor) : tf.reshape(e, shapes[i]);
    }
  }
  return { errs, grads };
}
