/**
 * The inverting-gradients objective (Geiping et al. 2020, GS) as a closure of the flat float64
 * dummy image that the Adam optimizer owns: x ↦ (C(x), ∇_x C(x)), C = sim + λ_TV · TV (see
 * gsObjective.ts). The labels are fixed (GS assumes them known).
 */
import { tf, fromFloat64, toFloat64, toScalar } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { ValueAndGrad } from './optim/index.js';
import type { Model } from '../types.js';
import { gsSimilarity } from './gsObjective.js';
import { totalVariation } from './totalVariation.js';
import { analyticLayers } from './analyticPath.js';
import { makeAnalyticGsClosure } from './analyticGsClosure.js';

/** Shape of the dummy inside the flat vector, and the known labels. */
export interface GsLayout {
  /** [B, H, W, C] of the dummy image. */
  readonly xShape: readonly [number, number, number, number];
  /** One class index per image (length B). */
  readonly labels: readonly number[];
}

/** One evaluation: `value` = C(x) = `cost` + λ_TV·`tv`, `grad` = ∇_x C. */
export interface GsEvaluation extends ValueAndGrad {
  readonly grad: Float64Array;
  /** The 'sim' cost 1 − cos alone (what the code scores restarts by). */
  readonly cost: number;
  /** TV(x), unweighted. */
  readonly tv: number;
}

/** x ↦ {@link GsEvaluation}; never mutates or retains x. */
export type GsClosure = (x: Float64Array) => GsEvaluation;

/**
 * Build the GS closure. Every evaluation runs in its own tf.tidy, so no tensor outlives a call.
 * Models that declare their layers take the hand-derived double-backprop path
 * (analyticGsClosure.ts; `setAnalyticAttackPath(false)` forces this tape path).
 * @param targets - shared gradients; only `names` are read.
 * @param tvWeight - λ_TV ≥ 0 (code: 1e-4).
 */
export function makeGsClosure(
  model: Model, params: ParamMap, targets: ParamMap, names: readonly string[], layout: GsLayout, tvWeight: number,
): GsClosure {
  const layers = analyticLayers(model);
  if (layers !== undefined) return makeAnalyticGsClosure(layers, params, targets, names, model.numClasses, layout, tvWeight);
  const { xShape, labels } = layout;
  return (v: Float64Array) => {
    const out = tf.tidy(() => {
      const x = fromFloat64(v, xShape) as tf.Tensor4D;
      const oneHot = tf.oneHot(tf.tensor1d([...labels], 'int32'), model.numClasses).toFloat() as tf.Tensor2D;
      const sim = tf.valueAndGrad((a: tf.Tensor) => gsSimilarity(model, params, targets, names, a as tf.Tensor4D, oneHot))(x);
      const tv = tf.valueAndGrad((a: tf.Tensor) => totalVariation(a as tf.Tensor4D))(x);
      return { cost: sim.value, dCost: sim.grad, tv: tv.value, dTv: tv.grad };
    });
    const cost = toScalar(out.cost);
    const tv = toScalar(out.tv);
    const grad = toFloat64(out.dCost);
    const dTv = toFloat64(out.dTv);
    for (let i = 0; i < grad.length; i++) grad[i] += tvWeight * dTv[i];
    tf.dispose([out.cost, out.dCost, out.tv, out.dTv]);
    return { value: cost + tvWeight * tv, grad, cost, tv };
  };
}
