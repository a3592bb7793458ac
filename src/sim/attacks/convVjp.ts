/**
 * Convolution building blocks of the hand-derived double backprop (sequentialDoubleBackprop.ts),
 * with PyTorch padding (`pad` zeros on every side, stride s, square k × k filters, NHWC):
 *
 *   y = conv(x, W) + b,   dW = Σ_{n,oh,ow} x_pad[n, s·oh + i, s·ow + j, :] ⊗ dy[n, oh, ow, :],
 *   dx = the transposed convolution of dy with W (one polyphase stride-1 correlation).
 *
 * Every function runs tfjs ops only (no gradient tape), so it works on every backend.
 */
import { readFloat32, tf } from '../../tensor/index.js';

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
  const attrs = { strides: [stride, stride], pad: symmetric(pad), dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: [k, k, x.shape[3], dy.shape[3]] };
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as never) as tf.Tensor4D;
}

/** Σ over batch, rows and columns of dy [N, H, W, C]: the bias gradient [C]. Caller owns returned tensors. */
export function convBiasGrad(dy: tf.Tensor4D): tf.Tensor1D {
  const c = dy.shape[3];
  return tf.sum(tf.reshape(dy, [dy.size / c, c]), 0) as tf.Tensor1D;
}

/** Pad (positive) or crop (negative) rows and columns of t: [top, bottom] and [left, right]. */
function padOrCrop(t: tf.Tensor4D, rows: [number, number], cols: [number, number]): { t: tf.Tensor4D; pad: Pad4 } {
  const [n, h, w, c] = t.shape;
  const crop = [rows[0], rows[1], cols[0], cols[1]].map((v) => Math.max(-v, 0));
  const cropped = crop.some((v) => v > 0) ? tf.slice(t, [0, crop[0], crop[2], 0], [n, h - crop[0] - crop[1], w - crop[2] - crop[3], c]) : t;
  const p = (v: number): number => Math.max(v, 0);
  return { t: cropped, pad: [[0, 0], [p(rows[0]), p(rows[1])], [p(cols[0]), p(cols[1])], [0, 0]] };
}

/** Per spatial axis: the polyphase geometry of the transposed convolution (see `convInputGrad`). */
interface AxisPlan { readonly taps: number; readonly before: number; readonly after: number; readonly crop: number }

function axisPlan(size: number, dySize: number, k: number, s: number, pad: number): AxisPlan {
  const taps = Math.ceil(k / s);
  const q0 = Math.floor(pad / s);
  const q1 = Math.floor((pad + size - 1) / s);
  return { taps, before: taps - 1 - q0, after: q1 - (dySize - 1), crop: pad - s * q0 };
}

/** Transposed-conv filter values of fixed tensors (model parameters), by tensor and stride. */
const filterValues = new WeakMap<tf.Tensor, Map<number, Float32Array>>();

function transposedFilterValues(src: Float32Array, shape: readonly number[], s: number): Float32Array {
  const [kh, kw, ci, co] = shape;
  const jh = Math.ceil(kh / s);
  const jw = Math.ceil(kw / s);
  const oc = s * s * ci;
  const out = new Float32Array(jh * jw * co * oc);
  for (let m = 0; m < jh; m++) {
    for (let n = 0; n < jw; n++) {
      for (let rho = 0; rho < s; rho++) {
        for (let sig = 0; sig < s; sig++) {
          const a = rho + s * (jh - 1 - m);
          const b = sig + s * (jw - 1 - n);
          if (a >= kh || b >= kw) continue;
          const from = (a * kw + b) * ci * co;
          const to = (m * jw + n) * co * oc + (rho * s + sig) * ci;
          for (let o = 0; o < co; o++) for (let i = 0; i < ci; i++) out[to + o * oc + i] = src[from + i * co + o];
        }
      }
    }
  }
  return out;
}

/**
 * The filter of the transposed convolution as a stride-1 correlation producing all s × s output
 * phases as channels: [Jh, Jw, out, s·s·in] with J = ⌈k/s⌉, entry (m, n, o, (ρ·s + σ)·in + i) =
 * W[ρ + s(Jh−1−m), σ + s(Jw−1−n), i, o] (zero past the kernel). For s = 1 it is W flipped in
 * both spatial axes, in and out swapped. Built in JS (wasm's Reverse kernel is a slow index loop).
 * @param fixed - w never changes (a model parameter, not a tf.Variable): its values are computed
 *   once and kept (as JS memory, released with w) for later calls.
 * @returns Caller owns returned tensors.
 */
export function transposedConvFilter(w: tf.Tensor4D, s: number, fixed = false): tf.Tensor4D {
  const [kh, kw, ci, co] = w.shape;
  const shape: [number, number, number, number] = [Math.ceil(kh / s), Math.ceil(kw / s), co, s * s * ci];
  const keep = fixed && !(w instanceof tf.Variable);
  const known = keep ? filterValues.get(w)?.get(s) : undefined;
  if (known !== undefined) return tf.tensor4d(known, shape);
  const values = transposedFilterValues(readFloat32(w), w.shape, s);
  if (keep) {
    const byStride = filterValues.get(w) ?? new Map<number, Float32Array>();
    byStride.set(s, values);
    filterValues.set(w, byStride);
  }
  return tf.tensor4d(values, shape);
}

/**
 * ∂L/∂x of y = conv(x, W) given dy: the transposed convolution, computed as ONE stride-1
 * correlation of dy with `transposedConvFilter(W, stride)` that yields every output phase as
 * channels, then interleaved (no zero insertion: a quarter of the multiply-adds at stride 2, and
 * s²·in output channels instead of in, which XNNPACK runs far better when in = 3).
 * @param wT - `transposedConvFilter(W, stride)` (callers reuse it across calls).
 * @param xShape - shape of x [N, H, W, in]. Caller owns returned tensors.
 */
export function convInputGrad(dy: tf.Tensor4D, wT: tf.Tensor4D, xShape: readonly number[], stride: number, pad: number, k: readonly [number, number]): tf.Tensor4D {
  const [n, h, w, ci] = xShape;
  const rows = axisPlan(h, dy.shape[1], k[0], stride, pad);
  const cols = axisPlan(w, dy.shape[2], k[1], stride, pad);
  const { t, pad: p } = padOrCrop(dy, [rows.before, rows.after], [cols.before, cols.after]);
  const y = tf.conv2d(t, wT, 1, p);
  if (stride === 1) return y;
  const [, qh, qw] = y.shape;
  const inter = tf.reshape(tf.transpose(tf.reshape(y, [n * qh, qw, stride, stride * ci]), [0, 2, 1, 3]), [n, qh * stride, qw * stride, ci]);
  if (rows.crop === 0 && cols.crop === 0 && qh * stride === h && qw * stride === w) return inter as tf.Tensor4D;
  return tf.slice(inter as tf.Tensor4D, [0, rows.crop, cols.crop, 0], [n, h, w, ci]);
}
