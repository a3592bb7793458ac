/**
 * The DLG objective restricted to a selection of parameters, as a closure of the flat float64
 * vector [x, z] that the L-BFGS optimizer owns (Zhu et al. 2019, DLG, Alg. 1):
 *
 *   D(x, z) = Σ_{θ ∈ selected} ‖∇_θ CE(f(x), softmax(z)) − T_θ‖²
 *
 * With known labels the vector is x alone and the label is a fixed one-hot (iDLG + DLG).
 */
import { tf, fromFloat64, toFloat64 } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Closure } from './optim/index.js';
import { parameterGradients } from './dlgObjective.js';
import type { Model } from '../types.js';
import { analyticLayers } from './analyticPath.js';
import { makeAnalyticDlgClosure } from './analyticDlgClosure.js';

/** Shapes of the optimised tensors inside the flat vector. */
export interface DlgLayout {
  /** [B, H, W, C] of the dummy image. */
  readonly xShape: readonly [number, number, number, number];
  /** [B, K] of the dummy label logits, or undefined when the labels are known. */
  readonly zShape?: readonly [number, number];
  /** Fixed one-hot labels [B, K] values (row-major) when the labels are known. */
  readonly knownOneHot?: Float32Array;
}

/** Number of values of the dummy image in the flat vector. */
export function imageSize(layout: DlgLayout): number {
  return layout.xShape.reduce((a, b) => a * b, 1);
}

/**
 * D over the selected parameters, differentiable in x and `soft` ([B, K] label distribution).
 * Targets of unselected parameters are never read. Caller owns returned tensors.
 */
export function selectedDlgObjective(
  model: Model, params: ParamMap, targets: ParamMap, names: readonly string[], x: tf.Tensor4D, soft: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => {
    const g = parameterGradients(model, params, x, soft, names);
    return tf.addN(names.map((n) => tf.sum(tf.squaredDifference(g[n], targets[n])))) as tf.Scalar;
  });
}

/**
 * The closure v ↦ (D, ∇D) over the flat vector described by `layout`; every evaluation runs in
 * its own tf.tidy, so no tensor outlives a call. Models that declare their layers take the
 * hand-derived double-backprop path (analyticDlgClosure.ts; `setAnalyticAttackPath(false)`
 * forces this tape path).
 */
export function makeDlgClosure(model: Model, params: ParamMap, targets: ParamMap, names: readonly string[], layout: DlgLayout): Closure {
  const layers = analyticLayers(model);
  if (layers !== undefined) return makeAnalyticDlgClosure(layers, params, targets, names, layout);
  const nx = imageSize(layout);
  const { xShape, zShape, knownOneHot } = layout;
  return (v: Float64Array) => {
    const out = tf.tidy(() => {
      const x = fromFloat64(v.subarray(0, nx), xShape) as tf.Tensor4D;
      if (zShape === undefined) {
        const soft = tf.tensor2d(knownOneHot ?? new Float32Array(0), [xShape[0], model.numClasses]);
        const f = (a: tf.Tensor): tf.Scalar => selectedDlgObjective(model, params, targets, names, a as tf.Tensor4D, soft);
        const { value, grads } = tf.valueAndGrads(f)([x]);
        return { value, grads };
      }
      const z = fromFloat64(v.subarray(nx), zShape) as tf.Tensor2D;
      const f = (a: tf.Tensor, b: tf.Tensor): tf.Scalar =>
        selectedDlgObjective(model, params, targets, names, a as tf.Tensor4D, tf.softmax(b as tf.Tensor2D));
      const { value, grads } = tf.valueAndGrads(f)([x, z]);
      return { value, grads };
    });
    const value = toFloat64(out.value)[0];
    const grad = new Float64Array(v.length);
    let offset = 0;
    for (const g of out.grads) {
      grad.set(toFloat64(g), offset);
      offset += g.size;
    }
    tf.dispose([out.value, ...out.grads]);
    return { value, grad };
  };
}
