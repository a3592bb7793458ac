/**
 * The GS closure (gsClosure.ts) on the hand-derived double-backprop path
 * (sequentialDoubleBackprop.ts): C(x) = 1 − ⟨g, t⟩/(‖g‖‖t‖) + λ_TV·TV(x) over the concatenated
 * selected tensors, with
 *
 *   ∂C/∂g = (⟨g, t⟩/‖g‖² · g − t) / (‖g‖‖t‖).
 *
 * The objective hands (⟨g, t⟩/‖g‖²)·g − t down as the adjoint; the factor 1/(‖g‖‖t‖) is applied
 * to the float64 result. The targets are read once, when the closure is made. TV and its gradient are
 * computed in float64 (totalVariationFloat64.ts).
 */
import { tf, fromFloat64, readFloat32, toFloat64 } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { SequentialLayer } from '../models/sequentialLayers.js';
import { sequentialGradientMatching } from './sequentialDoubleBackprop.js';
import type { GradientObjective } from './sequentialDoubleBackprop.js';
import type { GsClosure, GsLayout } from './gsClosure.js';
import { totalVariationFloat64 } from './totalVariationFloat64.js';

/** The selected target tensors as one float64 vector (read once), and each tensor's offset. */
function flatTargets(targets: ParamMap, names: readonly string[]): { values: Float64Array; offsets: number[] } {
  const parts = names.map((n) => toFloat64(targets[n]));
  const offsets = parts.map((_, i) => parts.slice(0, i).reduce((a, p) => a + p.length, 0));
  const values = new Float64Array(parts.reduce((a, p) => a + p.length, 0));
  parts.forEach((p, i) => values.set(p, offsets[i]));
  return { values, offsets };
}

/**
 * The GS cosine objective; `scale` receives 1/(‖g‖‖t‖) of the last evaluation. ⟨g, t⟩, ‖g‖² and
 * the adjoint are computed in JS on one read of the concatenated g: per-tensor scalar products
 * are broadcasting ops on wasm (a per-element index loop), ~10× a same-shape op.
 */
function scaledCosineObjective(targets: ParamMap, names: readonly string[], scale: { value: number }): GradientObjective {
  const t = flatTargets(targets, names);
  const tNorm = Math.sqrt(t.values.reduce((a, v) => a + v * v, 0));
  return (g) => {
    const flatG = readFloat32(tf.concat(names.map((n) => tf.reshape(g[n], [-1]))));
    let dot = 0;
    let gg = 0;
    for (let i = 0; i < flatG.length; i++) {
      dot += flatG[i] * t.values[i];
      gg += flatG[i] * flatG[i];
    }
    const ratio = dot / gg;
    const adj = new Float32Array(flatG.length);
    for (let i = 0; i < adj.length; i++) adj[i] = ratio * flatG[i] - t.values[i];
    scale.value = 1 / (Math.sqrt(gg) * tNorm);
    const adjoint = Object.fromEntries(names.map((n, i) => [n, tf.tensor(adj.subarray(t.offsets[i], t.offsets[i] + g[n].size), g[n].shape)]));
    return { value: tf.scalar(1 - dot / Math.sqrt(gg) / tNorm), adjoint };
  };
}

/** Same contract as `makeGsClosure`, for a model with declared layers. */
export function makeAnalyticGsClosure(
  layers: readonly SequentialLayer[], params: ParamMap, targets: ParamMap, names: readonly string[], numClasses: number, layout: GsLayout, tvWeight: number,
): GsClosure {
  const { xShape, labels } = layout;
  const oneHot = new Float32Array(labels.length * numClasses);
  labels.forEach((c, r) => (oneHot[r * numClasses + c] = 1));
  const scale = { value: 0 };
  const objective = scaledCosineObjective(targets, names, scale);
  return (v: Float64Array) => {
    const out = tf.tidy(() => {
      const x = fromFloat64(v, xShape) as tf.Tensor4D;
      const r = sequentialGradientMatching(layers, params, x, tf.tensor2d(oneHot, [labels.length, numClasses]), names, objective);
      return { value: r.value, gradX: r.gradX };
    });
    const cost = toFloat64(out.value)[0];
    const grad = toFloat64(out.gradX);
    tf.dispose([out.value, out.gradX]);
    const tv = totalVariationFloat64(v, xShape);
    for (let i = 0; i < grad.length; i++) grad[i] = scale.value * grad[i] + tvWeight * tv.grad[i];
    return { value: cost + tvWeight * tv.value, grad, cost, tv: tv.value };
  };
}
