/**
 * Convolution building blocks of the hand-derived double backprop (sequentialDoubleBackprop.ts),
 * with PyTorch padding (`pad` zeros on every side, stride s, square k × k filters, NHWC):
 *
 *   y = conv(x, W) + b,   dW = Σ_{n,oh,ow} x_pad[n, s·oh + i, s·ow + j, :] ⊗ dy[n, oh, ow, :],
 *   dx = the transposed convolution of dy with W (one polyphase stride-1 correlation).
 *
 * Every function runs tfjs ops only (no gradient tape), so it works on every backend.
 */
import { conv2dFilterGradPt, conv2dInputGradPt, polyphaseFilterPt, readFloat32, tf } from '../../tensor/index.js';

type Pad4 = [[number, number], [number, number], [number, number], [number, number]];

const symmetric = (pad: number): Pad4 => [[0, 0], [pad, pad], [pad, pad], [0, 0]];

/**
 * conv(x, w) + b, optionally through a sigmoid, in one fused kernel.
 * @param b - bias [out], or undefined for none. Caller owns returned tensors.
 */
export function convForward(x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D | undefined, stride: number, pad: number, sigmoid: boolean): tf.Tensor4D {
  return tf.fused.conv2d({ x, filter: w, strides: stride, pad: symmetric(pad), bias: b, activation: sigmoid ? 'sigmoid' : 'linear' });
}

/** ∂L/∂W of y = conv(x, W) given dy = ∂L/∂y: [k, k, in, out]. Caller owns returned tensors. */
export function convFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, k: number, stride: number, pad: number): tf.Tensor4D {
  return conv2dFilterGradPt(x, dy, k, stride, pad);
}

/** Σ over batch, rows and columns of dy [N, H, W, C]: the bias gradient [C]. Caller owns returned tensors. */
export function convBiasGrad(dy: tf.Tensor4D): tf.Tensor1D {
  const c = dy.shape[3];
  return tf.sum(tf.reshape(dy, [dy.size / c, c]), 0) as tf.Tensor1D;
}

/** Values of fixed tensors (model parameters), read once from the backend. */
const fixedValues = new WeakMap<tf.Tensor, Float32Array>();

/**
 * The filter of the transposed convolution as a stride-1 correlation producing all s × s output
 * phases as channels: [Jh, Jw, out, s·s·in] with J = ⌈k/s⌉, entry (m, n, o, (ρ·s + σ)·in + i) =
 * W[ρ + s(Jh−1−m), σ + s(Jw−1−n), i, o] (zero past the kernel). For s = 1 it is W flipped in
 * both spatial axes, in and out swapped. Built in JS (wasm's Reverse kernel is a slow index loop).
 * @param fixed - w never changes (a model parameter, not a tf.Variable): its values are read
 *   once and kept (as JS memory, released with w) for later calls.
 * @returns Caller owns returned tensors.
 */
export function transposedConvFilter(w: tf.Tensor4D, s: number, fixed = false): tf.Tensor4D {
  const keep = fixed && !(w instanceof tf.Variable);
  let values = keep ? fixedValues.get(w) : undefined;
  if (values === undefined) {
    values = readFloat32(w);
    if (keep) fixedValues.set(w, values);
  }
  return polyphaseFilterPt(values, w.shape, s);
}

/**
 * ∂L/∂x of y = conv(x, W) given dy: the transposed convolution, computed as ONE stride-1
 * correlation of dy with `transposedConvFilter(W, stride)` that yields every output phase as
 * channels, then interleaved (no zero insertion: a quarter of the multiply-adds at stride 2, and
 * s²·in output channels instead of in, which XNNPACK runs far better when in = 3).
 * @param wT - `transposedConvFilter(W, stride)` (callers reuse it across calls).
 * @param xShape - shape of x [N, H, W, in]. Caller owns returned tensors.
 */
export function convInputGrad(dy: tf.Tensor4D, wT: tf.Tensor4D, xShape: readonly number[], stride: number, pad: number): tf.Tensor4D {
  return conv2dInputGradPt(dy, wT, xShape, stride, pad);
}
