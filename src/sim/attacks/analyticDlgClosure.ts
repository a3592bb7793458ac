/**
 * The DLG closure (dlgClosure.ts) on the hand-derived double-backprop path: the same
 * D(x, z) = Σ_θ ‖∇_θ CE(f(x), softmax(z)) − T_θ‖² and ∇D, with no gradient tape
 * (sequentialDoubleBackprop.ts). The objective hands d = g − T down as the adjoint and the
 * factor 2 of ∂D/∂g = 2d is applied to the float64 results; the softmax of the dummy label is
 * differentiated in float64.
 */
import { tf, fromFloat64, toFloat64, toScalar } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Closure } from './optim/index.js';
import type { SequentialLayer } from '../models/sequentialLayers.js';
import { sequentialGradientMatching } from './sequentialDoubleBackprop.js';
import type { GradientObjective } from './sequentialDoubleBackprop.js';
import type { DlgLayout } from './dlgClosure.js';

/** D and ḡ = g − T (half of ∂D/∂g) over `names`. */
function halfDlgObjective(targets: ParamMap, names: readonly string[]): GradientObjective {
  return (g) => {
    const adjoint = Object.fromEntries(names.map((n) => [n, tf.sub(g[n], targets[n])]));
    const flat = tf.concat(names.map((n) => tf.reshape(adjoint[n], [-1])));
    return { value: tf.sum(tf.square(flat)), adjoint };
  };
}

/** z̄ = J_softmax(z)ᵀ ȳ per row, in float64: q ⊙ (ȳ − ⟨ȳ, q⟩). */
function softmaxVjp(q: Float64Array, yBar: Float64Array, k: number, scale: number, out: Float64Array, offset: number): void {
  for (let r = 0; r < q.length / k; r++) {
    let dot = 0;
    for (let c = 0; c < k; c++) dot += yBar[r * k + c] * q[r * k + c];
    for (let c = 0; c < k; c++) out[offset + r * k + c] = scale * q[r * k + c] * (yBar[r * k + c] - dot);
  }
}

/**
 * The DLG closure over [x, z] (or x alone with known labels) for a model with declared layers.
 * Same contract as `makeDlgClosure`.
 */
export function makeAnalyticDlgClosure(
  layers: readonly SequentialLayer[], params: ParamMap, targets: ParamMap, names: readonly string[], layout: DlgLayout,
): Closure {
  const { xShape, zShape, knownOneHot } = layout;
  const nx = xShape.reduce((a, b) => a * b, 1);
  const objective = halfDlgObjective(targets, names);
  return (v: Float64Array) => {
    const out = tf.tidy(() => {
      const x = fromFloat64(v.subarray(0, nx), xShape) as tf.Tensor4D;
      const q = zShape === undefined
        ? tf.tensor2d(knownOneHot ?? new Float32Array(0), [xShape[0], (knownOneHot?.length ?? 0) / xShape[0]])
        : tf.softmax(fromFloat64(v.subarray(nx), zShape) as tf.Tensor2D);
      const r = sequentialGradientMatching(layers, params, x, q as tf.Tensor2D, names, objective);
      return { ...r, q };
    });
    const value = toScalar(out.value);
    const grad = new Float64Array(v.length);
    const gx = toFloat64(out.gradX);
    for (let i = 0; i < nx; i++) grad[i] = 2 * gx[i];
    if (zShape !== undefined) softmaxVjp(toFloat64(out.q), toFloat64(out.gradLabels), zShape[1], 2, grad, nx);
    tf.dispose([out.value, out.gradX, out.gradLabels, out.q]);
    return { value, grad };
  };
}
