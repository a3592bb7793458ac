/**
 * The derivatives of one affine layer (conv or dense, with bias) that the hand-derived double
 * backprop needs, for y = A(x; W) + b, A linear in x and in W:
 *
 *   inputVjp(v)        = A_xᵀ v                (backprop to the input)
 *   inputJvp(dx)       = A(dx; W)              (linear in x, no bias)
 *   paramGrads(x, e)   = (A_Wᵀ e, Σ e)          (∂L/∂W, ∂L/∂b)
 *   paramJvp(x, W̄, b̄)  = A(x; W̄) + b̄           (the layer's output moved along (W̄, b̄))
 *   crossVjp(e, W̄)     = ∂/∂x ⟨W̄, A_Wᵀ e⟩ = A_xᵀ(e; W̄)
 *
 * A per-evaluation `FlipCache` shares each flipped conv filter between its uses.
 */
import { readFloat32, tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { convBiasGrad, convFilterGrad, convForward, convInputGrad, transposedConvFilter } from './convVjp.js';

/** A conv or dense layer (sequentialLayers.ts). */
export type AffineLayer =
  | { readonly kind: 'conv'; readonly name: string; readonly stride: number; readonly pad: number }
  | { readonly kind: 'dense'; readonly name: string };

/** Transposed-conv filters (`transposedConvFilter`) by tensor id, valid for one evaluation (inside its tf.tidy). */
export type FlipCache = Map<number, tf.Tensor4D>;

function flipped(w: tf.Tensor4D, stride: number, cache: FlipCache, isParam: boolean): tf.Tensor4D {
  let f = cache.get(w.id);
  if (f === undefined) {
    f = transposedConvFilter(w, stride, isParam);
    cache.set(w.id, f);
  }
  return f;
}

/** The layer's output A(x; w) + b, optionally through a sigmoid (fused). Caller owns returned tensors. */
export function affineForward(layer: AffineLayer, w: tf.Tensor, b: tf.Tensor | undefined, x: tf.Tensor, sigmoid: boolean): tf.Tensor {
  if (layer.kind === 'conv') return convForward(x as tf.Tensor4D, w as tf.Tensor4D, b as tf.Tensor1D | undefined, layer.stride, layer.pad, sigmoid);
  return tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: b, activation: sigmoid ? 'sigmoid' : 'linear' });
}

/**
 * A_xᵀ v with the filter/matrix w: the layer's weight (`isParam`, fixed across evaluations, so
 * its transposed-conv filter values are reused), or an adjoint W̄. Caller owns returned tensors.
 */
export function affineInputVjp(layer: AffineLayer, w: tf.Tensor, v: tf.Tensor, xShape: readonly number[], cache: FlipCache, isParam: boolean): tf.Tensor {
  if (layer.kind === 'conv') {
    return convInputGrad(v as tf.Tensor4D, flipped(w as tf.Tensor4D, layer.stride, cache, isParam), xShape, layer.stride, layer.pad);
  }
  return timesTransposed(v as tf.Tensor2D, w as tf.Tensor2D);
}

/**
 * v·wᵀ as (w·vᵀ)ᵀ, a reshape when v has one row: wasm's transposed matmul copies w first (and
 * packs the copy again on every call), which took ~4× the product itself for the 768×10 fc.
 * vᵀ is built in JS as a NEW buffer, never a reshape or no-op transpose of v: tfjs-wasm caches
 * its XNNPACK matmul operator by the right operand's buffer id, not its shape, so v [1, m] used
 * elsewhere as a right operand and a [m, 1] view of it here would share (and corrupt) one
 * operator (measured: wasm abort).
 */
function timesTransposed(v: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  const [b, m] = v.shape;
  const n = w.shape[0];
  const src = readFloat32(v);
  const vt = new Float32Array(src.length);
  for (let r = 0; r < b; r++) for (let c = 0; c < m; c++) vt[c * b + r] = src[r * m + c];
  const y = tf.matMul(w, tf.tensor2d(vt, [m, b]));
  return b === 1 ? tf.reshape(y, [1, n]) : (tf.transpose(y) as tf.Tensor2D);
}

/** xᵀ·e (the dense weight gradient); an outer product when the batch has one row. */
function transposedTimes(x: tf.Tensor2D, e: tf.Tensor2D): tf.Tensor2D {
  const [b, n] = x.shape;
  if (b === 1) return tf.matMul(tf.reshape(x, [n, 1]), e);
  return tf.matMul(x, e, true, false);
}

/** (∂L/∂W, ∂L/∂b) given the layer input x and e = ∂L/∂y; each only when asked for. Caller owns returned tensors. */
export function affineParamGrads(layer: AffineLayer, x: tf.Tensor, e: tf.Tensor, k: number, wantW: boolean, wantB: boolean): { w?: tf.Tensor; b?: tf.Tensor } {
  const out: { w?: tf.Tensor; b?: tf.Tensor } = {};
  if (layer.kind === 'conv') {
    if (wantW) out.w = convFilterGrad(x as tf.Tensor4D, e as tf.Tensor4D, k, layer.stride, layer.pad);
    if (wantB) out.b = convBiasGrad(e as tf.Tensor4D);
  } else {
    if (wantW) out.w = transposedTimes(x as tf.Tensor2D, e as tf.Tensor2D);
    if (wantB) out.b = e.shape[0] === 1 ? tf.reshape(e, [e.shape[1] ?? 0]) : tf.sum(e, 0);
  }
  return out;
}

/**
 * A(dx; w) + A(x; W̄) + b̄ for whichever of dx, W̄, b̄ are given (at least one), shaped like the
 * layer output `yShape`. Caller owns returned tensors.
 */
export function affineJvp(
  layer: AffineLayer, p: ParamMap, x: tf.Tensor, dx: tf.Tensor | undefined, wBar: tf.Tensor | undefined, bBar: tf.Tensor | undefined, yShape: readonly number[],
): tf.Tensor {
  const w = p[`${layer.name}.weight`];
  const terms: tf.Tensor[] = [];
  let bias = bBar;
  if (wBar !== undefined) {
    terms.push(affineForward(layer, wBar, bias, x, false));
    bias = undefined;
  }
  if (dx !== undefined) {
    terms.push(affineForward(layer, w, bias, dx, false));
    bias = undefined;
  }
  if (bias !== undefined) terms.push(tf.broadcastTo(bias, [...yShape]));
  return terms.length === 1 ? terms[0] : tf.add(terms[0], terms[1]);
}
